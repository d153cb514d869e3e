package io.onramp.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HubSpot's task store as batch upsert on a unique property behaves: a key seen before updates
 * that task ({@code new:false}), an unseen key creates one ({@code new:true}). Lets a test count
 * the tasks that really exist after retries.
 */
class FakeHubSpotTasks implements ResponseDefinitionTransformerV2 {

  private static final ObjectMapper JSON = new ObjectMapper();
  final Map<String, String> taskIdByKey = new ConcurrentHashMap<>();
  final Map<String, JsonNode> propertiesByKey = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(90_000_000_000L);

  @Override
  public String getName() {
    return "fake-hubspot-tasks";
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    try {
      JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
      ArrayNode results = JSON.createArrayNode();
      for (JsonNode input : request.path("inputs")) {
        String key = input.path("id").asText();
        boolean created = !taskIdByKey.containsKey(key);
        String id = taskIdByKey.computeIfAbsent(key, k -> Long.toString(ids.incrementAndGet()));
        propertiesByKey.put(key, input.path("properties"));
        ObjectNode result = results.addObject();
        result.put("id", id);
        ObjectNode properties = ((ObjectNode) input.path("properties").deepCopy());
        properties.put("onboarding_task_key", key);
        result.set("properties", properties);
        result.put("createdAt", "2026-11-23T01:00:00.000Z");
        result.put("updatedAt", "2026-11-23T01:00:00.000Z");
        result.put("archived", false);
        result.put("new", created);
      }
      ObjectNode body = JSON.createObjectNode();
      body.put("status", "COMPLETE");
      body.set("results", results);
      body.put("startedAt", "2026-11-23T01:00:00.000Z");
      body.put("completedAt", "2026-11-23T01:00:00.100Z");
      return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
          .withHeader("Content-Type", "application/json;charset=utf-8").withBody(JSON.writeValueAsString(body)).build();
    } catch (Exception e) {
      return ResponseDefinition.badRequest(null);
    }
  }
}

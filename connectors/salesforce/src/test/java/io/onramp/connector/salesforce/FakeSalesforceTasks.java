package io.onramp.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Tasks upserted on an external id, as Salesforce keeps them: one record per key, {@code created} only the first time. */
class FakeSalesforceTasks implements ResponseDefinitionTransformerV2 {

  private static final ObjectMapper JSON = new ObjectMapper();
  final Map<String, String> idByKey = new ConcurrentHashMap<>();
  final Map<String, JsonNode> recordByKey = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public String getName() {
    return "fake-salesforce-tasks";
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
      for (JsonNode record : request.path("records")) {
        String key = record.path("Onboarding_Task_Key__c").asText();
        boolean created = !idByKey.containsKey(key);
        String id = idByKey.computeIfAbsent(key, k -> "00T" + String.format("%015d", ids.incrementAndGet()));
        recordByKey.put(key, record);
        results.addObject().put("id", id).put("success", true).put("created", created).putArray("errors");
      }
      return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8")
          .withHeader("Sforce-Limit-Info", "api-usage=120/15000").withBody(JSON.writeValueAsString(results)).build();
    } catch (Exception e) {
      return ResponseDefinition.badRequest(null);
    }
  }
}

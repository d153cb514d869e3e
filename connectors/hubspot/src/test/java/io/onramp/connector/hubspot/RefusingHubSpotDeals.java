package io.onramp.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * HubSpot's deal batch update refusing the whole batch, as it does: 400 VALIDATION_ERROR when a
 * batch holds a value it refuses — naming the records in {@code context.ids} or, as for bad
 * property values, naming none — and when a batch names one deal twice ("Duplicate IDs found in
 * batch input", the ids named). A batch without such input is written: 200.
 */
class RefusingHubSpotDeals implements ResponseDefinitionTransformerV2 {

  private static final ObjectMapper JSON = new ObjectMapper();
  final Set<String> refused = ConcurrentHashMap.newKeySet();
  volatile boolean namesThem;
  /** The deal ids of every batch HubSpot received, in order. */
  final List<List<String>> batches = new CopyOnWriteArrayList<>();

  @Override
  public String getName() {
    return "refusing-hubspot-deals";
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    try {
      List<String> ids = new ArrayList<>();
      JSON.readTree(event.getRequest().getBodyAsString()).path("inputs").forEach(input -> ids.add(input.path("id").asText()));
      batches.add(ids);
      Set<String> seen = new HashSet<>();
      List<String> duplicates = ids.stream().filter(id -> !seen.add(id)).distinct().toList();
      if (!duplicates.isEmpty()) {
        return refusal("Duplicate IDs found in batch input: " + duplicates + ". IDs must be unique", duplicates);
      }
      List<String> bad = ids.stream().filter(refused::contains).toList();
      if (!bad.isEmpty()) {
        return refusal("Property values were not valid: [{\\\"isValid\\\":false,\\\"message\\\":\\\"NOT_A_STAGE was not one of "
            + "the allowed options\\\",\\\"error\\\":\\\"INVALID_OPTION\\\",\\\"name\\\":\\\"onboarding_stage\\\"}]", namesThem ? bad : List.of());
      }
      return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
          .withBody("{\"status\":\"COMPLETE\",\"results\":[],\"startedAt\":\"2026-11-23T01:00:00.000Z\","
              + "\"completedAt\":\"2026-11-23T01:00:00.120Z\"}").build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ResponseDefinition refusal(String message, List<String> ids) throws Exception {
    String context = ids.isEmpty() ? "" : ",\"context\":{\"ids\":" + JSON.writeValueAsString(ids) + "}";
    JsonNode body = JSON.readTree("""
        {"status":"error","message":"%s","correlationId":"c0ffee00-0000-4000-8000-000000000400","category":"VALIDATION_ERROR"%s}
        """.formatted(message, context));
    return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody(JSON.writeValueAsString(body)).build();
  }
}

package io.onramp.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Rec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HubSpot's batch endpoints over {@link HubSpotRecords}: update, upsert by a unique property, read, and v4
 * association batches. A value HubSpot would refuse refuses the whole batch (400 VALIDATION_ERROR); records that
 * do not exist are named in a 207's errors while the others are written.
 */
final class HubSpotBatches {

  private final HubSpotRecords records;

  HubSpotBatches(HubSpotRecords records) {
    this.records = records;
  }

  Answer update(String type, JsonNode request, Instant now) {
    for (JsonNode input : request.path("inputs")) {
      String invalid = records.invalid(type, input.path("properties"));
      if (invalid != null) {
        return HubSpotSim.error(400, "VALIDATION_ERROR", invalid);
      }
    }
    List<Object> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode input : request.path("inputs")) {
      Rec rec = records.get(type, input.path("id").asText());
      if (rec == null) {
        missing.add(input.path("id").asText());
        continue;
      }
      input.path("properties").fields().forEachRemaining(p -> rec.set(p.getKey(), p.getValue().asText(), now));
      results.add(HubSpotRecords.json(rec, null, List.of()));
    }
    return batch(results, missing);
  }

  Answer upsert(String type, JsonNode request, Instant now) {
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode input : request.path("inputs")) {
      String idProperty = input.path("idProperty").asText();
      if (!records.uniqueProperty(type, idProperty)) {
        return HubSpotSim.error(400, "VALIDATION_ERROR", "Property " + idProperty + " is not a unique identifier property of " + type);
      }
      if (!seen.add(input.path("id").asText())) {
        return HubSpotSim.error(400, "VALIDATION_ERROR", "Duplicate IDs found in batch input: [" + input.path("id").asText()
            + "]. IDs must be unique");
      }
      String invalid = records.invalid(type, input.path("properties"));
      if (invalid != null) {
        return HubSpotSim.error(400, "VALIDATION_ERROR", invalid);
      }
    }
    List<Object> results = new ArrayList<>();
    for (JsonNode input : request.path("inputs")) {
      String idProperty = input.path("idProperty").asText();
      String key = input.path("id").asText();
      Rec found = records.find(type, idProperty, key);
      Rec rec = found != null ? found : records.create(type, now);
      if (found == null) {
        rec.set(idProperty, key, now);
      }
      input.path("properties").fields().forEachRemaining(p -> rec.set(p.getKey(), p.getValue().asText(), now));
      Map<String, Object> result = HubSpotRecords.json(rec, null, List.of());
      result.put("new", found == null);
      results.add(result);
    }
    return batch(results, List.of());
  }

  Answer read(String type, JsonNode request) {
    List<String> properties = new ArrayList<>();
    request.path("properties").forEach(p -> properties.add(p.asText()));
    List<Object> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode input : request.path("inputs")) {
      Rec rec = records.get(type, input.path("id").asText());
      if (rec == null) {
        missing.add(input.path("id").asText());
      } else {
        results.add(HubSpotRecords.json(rec, properties, List.of()));
      }
    }
    return batch(results, missing);
  }

  Answer associate(String from, String to, JsonNode request) {
    List<Object> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode input : request.path("inputs")) {
      Rec a = records.get(from, input.path("from").path("id").asText());
      Rec b = records.get(to, input.path("to").path("id").asText());
      if (a == null || b == null) {
        missing.add(a == null ? input.path("from").path("id").asText() : input.path("to").path("id").asText());
        continue;
      }
      HubSpotRecords.link(a, b);
      results.add(Map.of("fromObjectTypeId", from, "fromObjectId", a.id, "toObjectTypeId", to, "toObjectId", b.id, "labels", List.of()));
    }
    Answer answer = batch(results, missing);
    return answer.status() == 200 ? new Answer(201, answer.contentType(), answer.body(), answer.headers()) : answer;
  }

  private static Answer batch(List<Object> results, List<String> missing) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "COMPLETE");
    body.put("results", results);
    if (!missing.isEmpty()) {
      body.put("numErrors", 1);
      body.put("errors", List.of(Map.of("status", "error", "category", "OBJECT_NOT_FOUND", "message", "Could not get some records.",
          "context", Map.of("ids", missing))));
    }
    body.put("startedAt", Instant.now().toString());
    body.put("completedAt", Instant.now().toString());
    return Answer.json(missing.isEmpty() ? 200 : 207, body);
  }
}

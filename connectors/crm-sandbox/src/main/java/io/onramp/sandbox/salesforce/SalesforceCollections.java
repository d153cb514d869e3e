package io.onramp.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Rec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sObject Collections as the connector sends them ({@code allOrNone:false}): update by id, or upsert by an external
 * id field; at most 200 records; one result per record, in order, each a success or its errors
 * ({@code statusCode, message, fields}) — a bad record costs the others nothing.
 */
final class SalesforceCollections {

  private final SalesforceRecords records;

  SalesforceCollections(SalesforceRecords records) {
    this.records = records;
  }

  /** {@code PATCH /composite/sobjects[/{type}/{externalIdField}]}; type null: update by id. */
  Answer write(String type, String externalIdField, JsonNode request, Instant now) {
    if (request.path("records").size() > 200) {
      return Answer.json(400, List.of(Map.of("errorCode", "EXCEEDED_ID_LIMIT",
          "message", "record limit reached. cannot submit more than 200 records into this call")));
    }
    List<Object> results = new ArrayList<>();
    for (JsonNode record : request.path("records")) {
      results.add(type == null ? update(record, now) : upsert(type, externalIdField, record, now));
    }
    return Answer.json(200, results);
  }

  private Map<String, Object> update(JsonNode record, Instant now) {
    String type = record.path("attributes").path("type").asText();
    Rec rec = records.get(record.path("id").asText());
    if (rec == null || !rec.type.equals(type)) {
      return failure("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of());
    }
    Map<String, Object> invalid = invalidFields(type, record);
    if (invalid != null) return invalid;
    write(rec, record, now);
    return Map.of("id", rec.id, "success", true, "errors", List.of());
  }

  private Map<String, Object> upsert(String type, String externalIdField, JsonNode record, Instant now) {
    Set<String> fields = SalesforceRecords.FIELDS.get(type);
    if (fields == null || !externalIdField.endsWith("__c") || !fields.contains(externalIdField)) {
      return failure("INVALID_FIELD", "Field " + externalIdField + " is not an external id field of " + type, List.of(externalIdField));
    }
    Map<String, Object> invalid = invalidFields(type, record);
    if (invalid != null) return invalid;
    String key = record.path(externalIdField).asText();
    if (key.isEmpty()) {
      return failure("MISSING_ARGUMENT", externalIdField + " not specified", List.of(externalIdField));
    }
    String whatId = record.path("WhatId").asText(null);
    if (whatId != null && !records.exists(whatId)) {
      return failure("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("WhatId"));
    }
    List<Rec> found = records.where(type, externalIdField, key);
    Rec rec = found.isEmpty() ? records.create(type, now) : found.get(0);
    write(rec, record, now);
    return Map.of("id", rec.id, "success", true, "errors", List.of(), "created", found.isEmpty());
  }

  private static Map<String, Object> invalidFields(String type, JsonNode record) {
    for (var it = record.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("attributes") && !field.equals("id") && !SalesforceRecords.FIELDS.getOrDefault(type, Set.of()).contains(field)) {
        return failure("INVALID_FIELD", "No such column '" + field + "' on sobject of type " + type, List.of(field));
      }
    }
    return null;
  }

  private static void write(Rec rec, JsonNode record, Instant now) {
    record.fields().forEachRemaining(f -> {
      if (!f.getKey().equals("attributes") && !f.getKey().equals("id")) {
        rec.set(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText(), now);
      }
    });
  }

  private static Map<String, Object> failure(String code, String message, List<String> fields) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", null);
    result.put("success", false);
    result.put("errors", List.of(Map.of("statusCode", code, "message", message, "fields", fields)));
    return result;
  }
}

package io.onramp.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.sandbox.Ids;
import io.onramp.sandbox.Rec;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One HubSpot account's data: records by object type, the custom properties defined on each type (and the
 * values they allow), and records as HubSpot renders them. Not thread-safe: {@link HubSpotSim} holds the lock.
 */
final class HubSpotRecords {

  static final Map<String, List<String>> BUILT_IN = Map.of(
      "deals", List.of("dealname", "dealstage", "amount", "closedate", "pipeline", "hubspot_owner_id"),
      "companies", List.of("name", "domain", "hubspot_owner_id"),
      "contacts", List.of("firstname", "lastname", "email", "phone", "hubspot_owner_id"),
      "line_items", List.of("name", "quantity", "price", "hs_product_id"),
      "tasks", List.of("hs_task_subject", "hs_task_body", "hs_timestamp", "hs_task_status", "hs_task_priority", "hs_task_type",
          "hubspot_owner_id"));

  private final Ids ids = new Ids();
  private final Map<String, Map<String, Rec>> records = new HashMap<>();
  private final Map<String, Map<String, JsonNode>> customProperties = new HashMap<>();

  HubSpotRecords() {
    clear();
  }

  void clear() {
    records.clear();
    BUILT_IN.keySet().forEach(type -> records.put(type, new LinkedHashMap<>()));
    customProperties.clear();
  }

  Rec get(String type, String id) {
    return records.get(type).get(id);
  }

  Rec create(String type, Instant now) {
    Rec rec = new Rec(type, ids.number(), now);
    records.get(type).put(rec.id, rec);
    return rec;
  }

  /** The record whose (unique) property holds {@code value}, or null. */
  Rec find(String type, String property, String value) {
    return records.get(type).values().stream().filter(r -> value.equals(r.fields.get(property))).findFirst().orElse(null);
  }

  static void link(Rec a, Rec b) {
    a.link(b.type, b.id);
    b.link(a.type, a.id);
  }

  List<Rec> linked(String type, String id, String linkedType) {
    Rec rec = get(type, id);
    return rec == null ? List.of()
        : rec.links.getOrDefault(linkedType, Set.of()).stream().map(i -> records.get(linkedType).get(i)).toList();
  }

  /** false when a property of that name exists already (custom or built in). */
  boolean define(String type, JsonNode property) {
    String name = property.path("name").asText();
    Map<String, JsonNode> existing = customProperties.computeIfAbsent(type, t -> new LinkedHashMap<>());
    if (existing.containsKey(name) || BUILT_IN.get(type).contains(name)) {
      return false;
    }
    existing.put(name, property);
    return true;
  }

  boolean uniqueProperty(String type, String name) {
    JsonNode definition = customProperties.getOrDefault(type, Map.of()).get(name);
    return definition != null && definition.path("hasUniqueValue").asBoolean();
  }

  /**
   * Why HubSpot would refuse these values, as its VALIDATION_ERROR message, or null: every property must exist, and
   * an enumeration's value must be among its options (an empty string clears).
   */
  String invalid(String type, JsonNode properties) {
    for (var it = properties.fields(); it.hasNext(); ) {
      var property = it.next();
      String name = property.getKey();
      JsonNode custom = customProperties.getOrDefault(type, Map.of()).get(name);
      if (custom == null && !BUILT_IN.get(type).contains(name)) {
        return "Property values were not valid: [{\"isValid\":false,\"message\":\"Property \\\"" + name
            + "\\\" does not exist\",\"error\":\"PROPERTY_DOESNT_EXIST\",\"name\":\"" + name + "\"}]";
      }
      String value = property.getValue().asText();
      if (custom != null && "enumeration".equals(custom.path("type").asText()) && !value.isEmpty()) {
        boolean known = false;
        for (JsonNode option : custom.path("options")) {
          known |= option.path("value").asText().equals(value);
        }
        if (!known) {
          return "Property values were not valid: [{\"isValid\":false,\"message\":\"" + value
              + " was not one of the allowed options\",\"error\":\"INVALID_OPTION\",\"name\":\"" + name + "\"}]";
        }
      }
    }
    return null;
  }

  /** A record as HubSpot answers it: the asked properties (null: all) and the asked association types. */
  static Map<String, Object> json(Rec rec, List<String> properties, List<String> associations) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("hs_object_id", rec.id);
    values.put("createdate", rec.createdAt.toString());
    values.put("hs_lastmodifieddate", rec.updatedAt.toString());
    rec.fields.forEach((k, v) -> {
      if (properties == null || properties.contains(k)) values.put(k, v);
    });
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", rec.id);
    json.put("properties", values);
    json.put("createdAt", rec.createdAt.toString());
    json.put("updatedAt", rec.updatedAt.toString());
    json.put("archived", false);
    Map<String, Object> linked = new LinkedHashMap<>();
    for (String type : associations) {
      Set<String> linkedIds = rec.links.getOrDefault(type, Set.of());
      if (!linkedIds.isEmpty()) {
        String singular = rec.type.substring(0, rec.type.length() - 1);
        String other = type.equals("companies") ? "company" : type.substring(0, type.length() - 1);
        linked.put(type, Map.of("results", linkedIds.stream().map(id -> Map.of("id", id, "type", singular + "_to_" + other)).toList()));
      }
    }
    if (!linked.isEmpty()) json.put("associations", linked);
    return json;
  }

  /** Every record with its history and links, and how many custom properties are defined. */
  Map<String, Object> view() {
    Map<String, Object> view = new LinkedHashMap<>();
    records.forEach((type, recs) -> view.put(type, recs.values().stream().map(r -> Map.of("id", r.id, "fields", Map.copyOf(r.fields),
        "history", List.copyOf(r.history), "links", Map.copyOf(r.links))).toList()));
    view.put("customProperties", customProperties.values().stream().mapToInt(Map::size).sum());
    return view;
  }
}

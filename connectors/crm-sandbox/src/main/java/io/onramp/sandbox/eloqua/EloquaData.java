package io.onramp.sandbox.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Eloqua instance's data — contacts (unique by email, case aside) and the "Onboarding" custom object's records —
 * and how Eloqua shapes it: {@code fieldValues} merged by field id, pages of {@code elements}, searches quoting
 * their value. Not thread-safe: {@link EloquaSim} holds the lock.
 */
final class EloquaData {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> RECORD_FIELDS = Map.of("Onboarding_ID1", "501", "Account_Name1", "502", "Stage1", "503",
      "Health1", "504", "Go_Live_Date1", "505", "First_Value_Date1", "506");

  final Map<String, ObjectNode> contactsByEmail = new LinkedHashMap<>();
  final Map<String, ObjectNode> records = new LinkedHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(1000);

  void clear() {
    contactsByEmail.clear();
    records.clear();
  }

  String next() {
    return Integer.toString(ids.incrementAndGet());
  }

  ObjectNode newContact(String email) {
    ObjectNode contact = JSON.createObjectNode().put("type", "Contact").put("id", next()).put("emailAddress", email);
    contact.putArray("fieldValues");
    contactsByEmail.put(email.toLowerCase(), contact);
    return contact;
  }

  /** The onboarding record holding this onboarding id, or null. */
  ObjectNode record(String onboardingId) {
    return records.values().stream().filter(r -> onboardingId.equals(fieldValue(r, "501"))).findFirst().orElse(null);
  }

  static void merge(ObjectNode target, JsonNode fieldValues) {
    ArrayNode values = target.has("fieldValues") ? (ArrayNode) target.get("fieldValues") : target.putArray("fieldValues");
    for (JsonNode value : fieldValues) {
      boolean replaced = false;
      for (JsonNode existing : values) {
        if (existing.path("id").asText().equals(value.path("id").asText())) {
          ((ObjectNode) existing).put("value", value.path("value").asText());
          replaced = true;
        }
      }
      if (!replaced) values.addObject().put("type", "FieldValue").put("id", value.path("id").asText()).put("value", value.path("value").asText());
    }
  }

  static String fieldValue(JsonNode record, String fieldId) {
    if (record == null) return null;
    for (JsonNode value : record.path("fieldValues")) {
      if (value.path("id").asText().equals(fieldId)) return value.path("value").asText();
    }
    return null;
  }

  static boolean valid(String email) {
    return email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  }

  /** An empty page of search results. */
  static ObjectNode page() {
    ObjectNode page = JSON.createObjectNode();
    page.putArray("elements");
    page.put("page", 1).put("pageSize", 1000).put("total", 0);
    return page;
  }

  /** The value of a search such as {@code emailAddress='a@b.com'}. */
  static String quoted(String search) {
    if (search == null) return "";
    int from = search.indexOf('\'');
    return from < 0 ? search : search.substring(from + 1, search.lastIndexOf('\''));
  }
}

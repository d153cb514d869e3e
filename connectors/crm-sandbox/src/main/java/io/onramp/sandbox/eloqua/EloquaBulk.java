package io.onramp.sandbox.eloqua;

import static io.onramp.sandbox.eloqua.EloquaData.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onramp.sandbox.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bulk API 2.0: an import definition (contacts, or the custom object), its rows, a sync that is {@code active} at
 * its first poll, then {@code success}, or with rejected rows {@code warning} (the rest imported) — or {@code error}
 * with nothing imported when so switched — and the rejects, each naming its row and Eloqua's reason.
 */
final class EloquaBulk implements EloquaRoute {

  private final EloquaData data;
  private final List<JsonNode> rows = new ArrayList<>();
  private int syncPolls;
  int imports;
  boolean rejectsFailTheSync;

  EloquaBulk(EloquaData data) {
    this.data = data;
  }

  void clear() {
    rows.clear();
    syncPolls = 0;
    imports = 0;
    rejectsFailTheSync = false;
  }

  @Override
  public Answer answer(String method, String path, Map<String, String> query, String body) throws Exception {
    if (method.equals("POST") && (path.equals("/api/bulk/2.0/contacts/imports")
        || path.equals("/api/bulk/2.0/customObjects/" + EloquaSim.OBJECT_ID + "/imports"))) {
      ObjectNode definition = (ObjectNode) JSON.readTree(body);
      rows.clear();
      imports++;
      definition.put("uri", path.substring("/api/bulk/2.0".length()) + "/" + data.next());
      return Answer.json(201, definition.toString());
    }
    if (method.equals("POST") && path.endsWith("/data") && path.startsWith("/api/bulk/2.0/")) {
      JSON.readTree(body).forEach(rows::add);
      return Answer.json(204, "");
    }
    if (method.equals("POST") && path.equals("/api/bulk/2.0/syncs")) {
      syncPolls = 0;
      JsonNode sync = JSON.readTree(body);
      return Answer.json(201, "{\"syncedInstanceUri\":\"" + sync.path("syncedInstanceUri").asText() + "\",\"status\":\"pending\","
          + "\"uri\":\"/syncs/" + data.next() + "\"}");
    }
    if (method.equals("GET") && path.matches("/api/bulk/2.0/syncs/\\d+")) {
      syncPolls++;
      boolean rejects = rows.stream().anyMatch(EloquaBulk::rejected);
      String status = syncPolls < 2 ? "active" : rejects ? (rejectsFailTheSync ? "error" : "warning") : "success";
      if (status.equals("success") || status.equals("warning")) apply();
      return Answer.json(200, "{\"status\":\"" + status + "\",\"uri\":\"" + path.substring("/api/bulk/2.0".length()) + "\"}");
    }
    if (method.equals("GET") && path.matches("/api/bulk/2.0/syncs/\\d+/rejects")) {
      ArrayNode items = JSON.createArrayNode();
      rows.stream().filter(EloquaBulk::rejected).forEach(r -> items.addObject()
          .put("message", "Invalid email address.").put("statusCode", "ELQ-00107").set("fieldValues", r));
      return Answer.json(200, "{\"items\":" + items + ",\"totalResults\":" + items.size() + ",\"limit\":1000,\"offset\":0,\"count\":"
          + items.size() + ",\"hasMore\":false}");
    }
    return null;
  }

  private static boolean rejected(JsonNode row) {
    return row.has("email") && !EloquaData.valid(row.path("email").asText());
  }

  /** A finished contact import writes its valid rows (an upsert on email). */
  private void apply() {
    for (JsonNode row : rows) {
      String email = row.path("email").asText();
      if (!row.has("email") || !EloquaData.valid(email)) continue;
      ObjectNode contact = data.contactsByEmail.get(email.toLowerCase());
      if (contact == null) {
        contact = data.newContact(email);
      }
      ArrayNode values = JSON.createArrayNode();
      values.addObject().put("id", EloquaSim.STAGE_FIELD).put("value", row.path("stage").asText());
      values.addObject().put("id", EloquaSim.ROLE_FIELD).put("value", row.path("role").asText());
      EloquaData.merge(contact, values);
    }
  }
}

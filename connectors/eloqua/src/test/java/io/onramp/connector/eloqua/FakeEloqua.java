package io.onramp.connector.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Eloqua instance for the subset the connector uses, answering with Eloqua's shapes:
 * /id discovery, OAuth with rotating refresh tokens, contacts (unique by email), contact fields,
 * the "Onboarding" custom object and its records, forms and their submissions, Bulk 2.0 imports and
 * syncs with rejects, and validation errors as typed objects. Faults (429, 503, 401) can be queued.
 */
public class FakeEloqua implements ResponseDefinitionTransformerV2 {

  public static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("AcmeCorp\\onramp.api:test-only".getBytes(StandardCharsets.UTF_8));
  static final String STAGE_FIELD = "100201";
  static final String ROLE_FIELD = "100202";
  static final String OBJECT_ID = "17";
  static final String WELCOME_FORM = "301";
  static final String CSAT_FORM = "302";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> RECORD_FIELDS = Map.of("Onboarding_ID1", "501", "Account_Name1", "502", "Stage1", "503",
      "Health1", "504", "Go_Live_Date1", "505", "First_Value_Date1", "506");

  final Map<String, ObjectNode> contactsByEmail = new LinkedHashMap<>();
  final Map<String, ObjectNode> records = new LinkedHashMap<>();
  final List<ObjectNode> submissions = new ArrayList<>();
  final List<JsonNode> bulkRows = new ArrayList<>();
  final Deque<Integer> faults = new ArrayDeque<>();
  final AtomicInteger apiCalls = new AtomicInteger();
  final AtomicInteger imports = new AtomicInteger();
  public volatile String instanceBase;
  public volatile String accessToken;
  public volatile String refreshToken;
  volatile boolean formHasKeyField = true;
  private final AtomicInteger ids = new AtomicInteger(1000);
  private int syncPolls;

  public synchronized void reset(String base) {
    contactsByEmail.clear();
    records.clear();
    submissions.clear();
    bulkRows.clear();
    faults.clear();
    apiCalls.set(0);
    imports.set(0);
    instanceBase = base;
    accessToken = null;
    refreshToken = null;
    formHasKeyField = true;
    syncPolls = 0;
  }

  synchronized void existingContact(String email) {
    ObjectNode contact = JSON.createObjectNode().put("type", "Contact").put("id", next()).put("emailAddress", email);
    contact.putArray("fieldValues");
    contactsByEmail.put(email.toLowerCase(), contact);
  }

  /** The value a contact (by email) holds in a field, or null. */
  synchronized String contactField(String email, String fieldId) {
    return fieldValue(contactsByEmail.get(email.toLowerCase()), fieldId);
  }

  synchronized String recordField(String onboardingId, String internalName) {
    return records.values().stream().filter(r -> onboardingId.equals(fieldValue(r, "501"))).findFirst()
        .map(r -> fieldValue(r, RECORD_FIELDS.get(internalName))).orElse(null);
  }

  @Override
  public String getName() {
    return "fake-eloqua";
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String path = request.getUrl().split("\\?")[0];
    String method = request.getMethod().getName();
    try {
      if (path.equals("/auth/oauth2/token")) {
        return token(request);
      }
      if (!authorized(request.getHeader("Authorization"))) {
        return path.equals("/id") ? text(200, "\"Not authenticated.\"")
            : json(401, "{\"type\":\"Error\",\"message\":\"Not authenticated\"}");
      }
      if (path.equals("/id")) {
        return json(200, "{\"site\":{\"id\":42,\"name\":\"AcmeCorp\"},\"user\":{\"id\":7,\"username\":\"onramp.api\"},"
            + "\"urls\":{\"base\":\"" + instanceBase + "\",\"apis\":{\"rest\":{\"standard\":\"{0}/api/rest/{version}/\","
            + "\"bulk\":\"{0}/api/bulk/{version}/\"}}}}");
      }
      apiCalls.incrementAndGet();
      Integer fault = faults.poll();
      if (fault != null) {
        return fault == 401 ? json(401, "{\"type\":\"Error\",\"message\":\"Not authenticated\"}")
            : fault == 429 ? text(429, "Too Many Requests") : text(fault, "<html><body>Service Unavailable</body></html>");
      }
      return api(method, path, query(request.getUrl()), request.getBodyAsString());
    } catch (Exception e) {
      return json(500, "{\"type\":\"Error\",\"message\":\"" + e + "\"}");
    }
  }

  private ResponseDefinition api(String method, String path, Map<String, String> query, String body) throws Exception {
    Matcher m;
    if (method.equals("GET") && path.equals("/api/REST/1.0/data/contacts")) {
      String email = quoted(query.get("search"));
      ObjectNode page = list();
      ObjectNode contact = contactsByEmail.get(email.toLowerCase());
      if (contact != null) ((ArrayNode) page.get("elements")).add(contact.deepCopy());
      page.put("total", contact == null ? 0 : 1);
      return json(200, page.toString());
    }
    if (method.equals("POST") && path.equals("/api/REST/1.0/data/contact")) {
      JsonNode contact = JSON.readTree(body);
      String email = contact.path("emailAddress").asText();
      if (!valid(email)) {
        return json(400, "[{\"type\":\"ObjectValidationError\",\"container\":{\"type\":\"ObjectKey\",\"objectType\":\"Contact\"},"
            + "\"property\":\"emailAddress\",\"requirement\":{\"type\":\"EmailAddressRequirement\"},\"value\":\"" + email + "\"}]");
      }
      if (contactsByEmail.containsKey(email.toLowerCase())) {
        return json(400, "{\"type\":\"ObjectValidationError\",\"property\":\"emailAddress\","
            + "\"requirement\":{\"type\":\"UniquenessRequirement\"},\"value\":\"" + email + "\"}");
      }
      ObjectNode created = ((ObjectNode) contact).put("id", next());
      contactsByEmail.put(email.toLowerCase(), created);
      return json(201, created.toString());
    }
    if (method.equals("PUT") && (m = Pattern.compile("/api/REST/1.0/data/contact/(\\d+)").matcher(path)).matches()) {
      ObjectNode contact = (ObjectNode) JSON.readTree(body);
      String id = m.group(1);
      ObjectNode existing = contactsByEmail.values().stream().filter(c -> c.path("id").asText().equals(id)).findFirst().orElse(null);
      if (existing == null) return json(404, "{\"type\":\"Error\",\"message\":\"Contact not found\"}");
      merge(existing, contact.path("fieldValues"));
      return json(200, existing.toString());
    }
    if (method.equals("GET") && path.equals("/api/REST/1.0/assets/contact/fields")) {
      String name = quoted(query.get("search"));
      ObjectNode page = list();
      String id = name.equals("C_Onboarding_Stage1") ? STAGE_FIELD : name.equals("C_Onboarding_Role1") ? ROLE_FIELD : null;
      if (id != null) ((ArrayNode) page.get("elements")).addObject().put("type", "ContactField").put("id", id).put("internalName", name);
      return json(200, page.toString());
    }
    if (method.equals("GET") && path.equals("/api/REST/2.0/assets/customObjects")) {
      ObjectNode page = list();
      if (quoted(query.get("search")).equals("Onboarding")) {
        ObjectNode object = ((ArrayNode) page.get("elements")).addObject().put("type", "CustomObject").put("id", OBJECT_ID)
            .put("name", "Onboarding");
        ArrayNode fields = object.putArray("fields");
        RECORD_FIELDS.forEach((name, id) -> fields.addObject().put("type", "CustomObjectField").put("id", id).put("internalName", name));
      }
      return json(200, page.toString());
    }
    if (path.startsWith("/api/REST/2.0/data/customObject/" + OBJECT_ID + "/instance")) {
      if (method.equals("GET")) {
        String onboardingId = quoted(query.get("search"));
        ObjectNode page = list();
        records.values().stream().filter(r -> onboardingId.equals(fieldValue(r, "501")))
            .forEach(r -> ((ArrayNode) page.get("elements")).add(r.deepCopy()));
        return json(200, page.toString());
      }
      ObjectNode record = (ObjectNode) JSON.readTree(body);
      if (method.equals("POST")) {
        record.put("id", next());
        records.put(record.get("id").asText(), record);
        return json(201, record.toString());
      }
      String id = path.substring(path.lastIndexOf('/') + 1);
      if (!records.containsKey(id)) return json(404, "{\"type\":\"Error\",\"message\":\"not found\"}");
      merge(records.get(id), record.path("fieldValues"));
      return json(200, records.get(id).toString());
    }
    if ((m = Pattern.compile("/api/REST/2.0/assets/form/(\\d+)").matcher(path)).matches() && method.equals("GET")) {
      String form = "{\"type\":\"Form\",\"id\":\"" + m.group(1) + "\",\"name\":\"Onramp play\",\"elements\":["
          + "{\"type\":\"FormField\",\"id\":\"9001\",\"name\":\"Email Address\",\"htmlName\":\"emailAddress\",\"displayType\":\"text\"}"
          + (formHasKeyField ? ",{\"type\":\"FormField\",\"id\":\"9002\",\"name\":\"Onramp key\",\"htmlName\":\"onrampEnrolmentKey\","
          + "\"displayType\":\"hidden\"}" : "") + "]}";
      return json(200, form);
    }
    if ((m = Pattern.compile("/api/REST/2.0/data/form/(\\d+)").matcher(path)).matches()) {
      String formId = m.group(1);
      if (method.equals("GET")) {
        ObjectNode page = list();
        submissions.stream().filter(s -> s.path("formId").asText().equals(formId))
            .forEach(s -> ((ArrayNode) page.get("elements")).add(s.deepCopy()));
        page.put("total", page.get("elements").size());
        return json(200, page.toString());
      }
      ObjectNode submission = (ObjectNode) JSON.readTree(body);
      for (JsonNode value : submission.path("fieldValues")) {
        if (value.path("id").asText().equals("9001") && !valid(value.path("value").asText())) {
          return json(400, "{\"type\":\"ObjectValidationError\",\"property\":\"9001\",\"requirement\":{\"type\":\"EmailAddressRequirement\"},"
              + "\"value\":\"" + value.path("value").asText() + "\"}");
        }
      }
      submission.put("id", next()).put("formId", formId);
      submissions.add(submission);
      return json(201, submission.toString());
    }
    if (method.equals("POST") && (path.equals("/api/bulk/2.0/contacts/imports") || path.equals("/api/bulk/2.0/customObjects/" + OBJECT_ID + "/imports"))) {
      ObjectNode definition = (ObjectNode) JSON.readTree(body);
      bulkRows.clear();
      imports.incrementAndGet();
      definition.put("uri", path.substring("/api/bulk/2.0".length()) + "/" + next());
      return json(201, definition.toString());
    }
    if (method.equals("POST") && path.endsWith("/data") && path.startsWith("/api/bulk/2.0/")) {
      JSON.readTree(body).forEach(bulkRows::add);
      return json(204, "");
    }
    if (method.equals("POST") && path.equals("/api/bulk/2.0/syncs")) {
      syncPolls = 0;
      JsonNode sync = JSON.readTree(body);
      return json(201, "{\"syncedInstanceUri\":\"" + sync.path("syncedInstanceUri").asText() + "\",\"status\":\"pending\","
          + "\"uri\":\"/syncs/" + next() + "\"}");
    }
    if (method.equals("GET") && path.matches("/api/bulk/2.0/syncs/\\d+")) {
      syncPolls++;
      boolean rejects = bulkRows.stream().anyMatch(r -> (r.has("email") && !valid(r.path("email").asText())));
      String status = syncPolls < 2 ? "active" : rejects ? "warning" : "success";
      if (status.equals("success") || status.equals("warning")) applyBulkRows();
      return json(200, "{\"status\":\"" + status + "\",\"uri\":\"" + path.substring("/api/bulk/2.0".length()) + "\"}");
    }
    if (method.equals("GET") && path.matches("/api/bulk/2.0/syncs/\\d+/rejects")) {
      ArrayNode items = JSON.createArrayNode();
      bulkRows.stream().filter(r -> (r.has("email") && !valid(r.path("email").asText()))).forEach(r -> items.addObject()
          .put("message", "Invalid email address.").put("statusCode", "ELQ-00107").set("fieldValues", r));
      return json(200, "{\"items\":" + items + ",\"totalResults\":" + items.size() + ",\"limit\":1000,\"offset\":0,\"count\":"
          + items.size() + ",\"hasMore\":false}");
    }
    return json(404, "{\"type\":\"Error\",\"message\":\"no such endpoint " + method + " " + path + "\"}");
  }

  /** A finished contact import writes its valid rows (an upsert on email). */
  private void applyBulkRows() {
    for (JsonNode row : bulkRows) {
      String email = row.path("email").asText();
      if (!row.has("email") || !valid(email)) continue;
      ObjectNode contact = contactsByEmail.computeIfAbsent(email.toLowerCase(), e -> {
        ObjectNode c = JSON.createObjectNode().put("type", "Contact").put("id", next()).put("emailAddress", email);
        c.putArray("fieldValues");
        return c;
      });
      ArrayNode values = JSON.createArrayNode();
      values.addObject().put("id", STAGE_FIELD).put("value", row.path("stage").asText());
      values.addObject().put("id", ROLE_FIELD).put("value", row.path("role").asText());
      merge(contact, values);
    }
  }

  private ResponseDefinition token(Request request) throws Exception {
    JsonNode body = JSON.readTree(request.getBodyAsString());
    String client = "Basic " + Base64.getEncoder().encodeToString("onramp-app:test-only-secret".getBytes(StandardCharsets.UTF_8));
    if (!client.equals(request.getHeader("Authorization"))) {
      return json(401, "{\"error\":\"invalid_client\"}");
    }
    if (!body.path("grant_type").asText().equals("refresh_token") || !body.path("refresh_token").asText().equals(refreshToken)) {
      return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token is not valid\"}");
    }
    accessToken = "access-" + next();
    refreshToken = "refresh-" + next();                 // the old refresh token dies here
    return json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\",\"expires_in\":28800,"
        + "\"refresh_token\":\"" + refreshToken + "\"}");
  }

  private boolean authorized(String header) {
    return BASIC.equals(header) || (accessToken != null && ("Bearer " + accessToken).equals(header));
  }

  private static void merge(ObjectNode target, JsonNode fieldValues) {
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

  private static String fieldValue(JsonNode record, String fieldId) {
    if (record == null) return null;
    for (JsonNode value : record.path("fieldValues")) {
      if (value.path("id").asText().equals(fieldId)) return value.path("value").asText();
    }
    return null;
  }

  static boolean valid(String email) {
    return email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  }

  private static ObjectNode list() {
    ObjectNode page = JSON.createObjectNode();
    page.putArray("elements");
    page.put("page", 1).put("pageSize", 1000).put("total", 0);
    return page;
  }

  private static String quoted(String search) {
    if (search == null) return "";
    int from = search.indexOf('\'');
    return from < 0 ? search : search.substring(from + 1, search.lastIndexOf('\''));
  }

  private static Map<String, String> query(String url) {
    Map<String, String> query = new LinkedHashMap<>();
    int q = url.indexOf('?');
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return query;
  }

  private String next() {
    return Integer.toString(ids.incrementAndGet());
  }

  private static ResponseDefinition json(int status, String body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body).build();
  }

  private static ResponseDefinition text(int status, String body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "text/html").withBody(body).build();
  }
}

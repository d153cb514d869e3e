package io.onramp.sandbox.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Call;
import io.onramp.sandbox.SandboxProperties;
import io.onramp.sandbox.Vendor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * An Eloqua instance for the subset the connector uses, answering with Eloqua's shapes: /id
 * discovery, HTTP Basic {@code Company\\User} or OAuth with rotating refresh tokens, contacts
 * (unique by email), contact fields, the "Onboarding" custom object and its records, the plays'
 * forms (with the hidden enrolment key) and their submissions, Bulk 2.0 imports and syncs with
 * rejects, validation errors as typed objects. Single faults (401, 429, 503) can be queued. The
 * connector's own tests drive the same class through WireMock.
 */
@Component
public class EloquaSim implements Vendor {

  public static final String STAGE_FIELD = "100201";
  public static final String ROLE_FIELD = "100202";
  public static final String OBJECT_ID = "17";
  /** Form ids of the plays: welcome, CSAT survey, training invitation. */
  public static final String WELCOME_FORM = "301";
  public static final String CSAT_FORM = "302";
  public static final String TRAINING_FORM = "303";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> RECORD_FIELDS = Map.of("Onboarding_ID1", "501", "Account_Name1", "502", "Stage1", "503",
      "Health1", "504", "Go_Live_Date1", "505", "First_Value_Date1", "506");

  private final Map<String, ObjectNode> contactsByEmail = new LinkedHashMap<>();
  private final Map<String, ObjectNode> records = new LinkedHashMap<>();
  private final List<ObjectNode> submissions = new ArrayList<>();
  private final List<JsonNode> bulkRows = new ArrayList<>();
  private final Deque<Integer> faults = new ArrayDeque<>();
  private final AtomicInteger ids = new AtomicInteger(1000);
  private final String company;
  private final String username;
  private final String basic;
  private final String oauthClient;
  private String instanceBase;
  private String accessToken;
  private String refreshToken;
  private boolean formHasKeyField = true;
  private boolean rejectsFailTheSync;
  private int syncPolls;
  private int calls;
  private int imports;

  @Autowired
  EloquaSim(SandboxProperties properties) {
    this(properties.eloqua().company(), properties.eloqua().username(), properties.eloqua().password(), null,
        properties.publicUrl() + "/eloqua");
  }

  /**
   * @param password    Basic: the integration user's password (null: no Basic)
   * @param oauthClient OAuth: {@code clientId:clientSecret} of the app (null: no OAuth)
   * @param base        the instance's base URL, as /id hands it out
   */
  public EloquaSim(String company, String username, String password, String oauthClient, String base) {
    this.company = company;
    this.username = username;
    this.basic = password == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (company + "\\" + username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.oauthClient = oauthClient == null ? null : "Basic " + Base64.getEncoder().encodeToString(oauthClient.getBytes(StandardCharsets.UTF_8));
    this.instanceBase = base;
  }

  @Override
  public String name() {
    return "eloqua";
  }

  @Override
  public synchronized void reset() {
    rejectsFailTheSync = false;
    contactsByEmail.clear();
    records.clear();
    submissions.clear();
    bulkRows.clear();
    faults.clear();
    accessToken = null;
    refreshToken = null;
    formHasKeyField = true;
    syncPolls = 0;
    calls = 0;
    imports = 0;
  }

  /** Forgets everything and serves as the instance at {@code base}. */
  public synchronized void reset(String base) {
    reset();
    instanceBase = base;
  }

  @Override
  public synchronized Answer handle(Call call) {
    if (call.path().equals("/auth/oauth2/token")) {
      return token(call);
    }
    if (!authorized(call.header("Authorization"))) {
      return call.path().equals("/id") ? Answer.text(200, "application/json", "\"Not authenticated.\"")
          : Answer.json(401, "{\"type\":\"Error\",\"message\":\"Not authenticated\"}");
    }
    if (call.path().equals("/id")) {
      return Answer.json(200, "{\"site\":{\"id\":42,\"name\":\"" + company + "\"},\"user\":{\"id\":7,"
          + "\"username\":\"" + username + "\"},\"urls\":{\"base\":\"" + instanceBase + "\",\"apis\":{\"rest\":{"
          + "\"standard\":\"{0}/api/rest/{version}/\",\"bulk\":\"{0}/api/bulk/{version}/\"}}}}");
    }
    calls++;
    Integer fault = faults.poll();
    if (fault != null) {
      return fault == 401 ? Answer.json(401, "{\"type\":\"Error\",\"message\":\"Not authenticated\"}")
          : fault == 429 ? Answer.text(429, "text/plain", "Too Many Requests")
          : Answer.text(fault, "text/html", "<html><body>Service Unavailable</body></html>");
    }
    try {
      return api(call.method(), call.path(), call.query(), call.text());
    } catch (Call.BadRequest e) {
      throw e;
    } catch (Exception e) {
      return Answer.json(400, "{\"type\":\"Error\",\"message\":\"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}");
    }
  }

  /** OAuth refresh grant: the client authenticates with Basic; each refresh token works once and a new one is issued. */
  private Answer token(Call call) {
    if (oauthClient == null || !oauthClient.equals(call.header("Authorization"))) {
      return Answer.json(401, "{\"error\":\"invalid_client\"}");
    }
    JsonNode body = call.json();
    if (!body.path("grant_type").asText().equals("refresh_token") || !body.path("refresh_token").asText().equals(refreshToken)) {
      return Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token is not valid\"}");
    }
    accessToken = "access-" + next();
    refreshToken = "refresh-" + next();                 // the old refresh token dies here
    return Answer.json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\",\"expires_in\":28800,"
        + "\"refresh_token\":\"" + refreshToken + "\"}");
  }

  private boolean authorized(String header) {
    return header != null && (header.equals(basic) || (accessToken != null && header.equals("Bearer " + accessToken)));
  }

  private Answer api(String method, String path, Map<String, String> query, String body) throws Exception {
    Matcher m;
    if (method.equals("GET") && path.equals("/api/REST/1.0/data/contacts")) {
      String email = quoted(query.get("search"));
      ObjectNode page = list();
      ObjectNode contact = contactsByEmail.get(email.toLowerCase());
      if (contact != null) ((ArrayNode) page.get("elements")).add(contact.deepCopy());
      page.put("total", contact == null ? 0 : 1);
      return Answer.json(200, page.toString());
    }
    if (method.equals("POST") && path.equals("/api/REST/1.0/data/contact")) {
      JsonNode contact = JSON.readTree(body);
      String email = contact.path("emailAddress").asText();
      if (!valid(email)) {
        return Answer.json(400, "[{\"type\":\"ObjectValidationError\",\"container\":{\"type\":\"ObjectKey\",\"objectType\":\"Contact\"},"
            + "\"property\":\"emailAddress\",\"requirement\":{\"type\":\"EmailAddressRequirement\"},\"value\":\"" + email + "\"}]");
      }
      if (contactsByEmail.containsKey(email.toLowerCase())) {
        return Answer.json(400, "{\"type\":\"ObjectValidationError\",\"property\":\"emailAddress\","
            + "\"requirement\":{\"type\":\"UniquenessRequirement\"},\"value\":\"" + email + "\"}");
      }
      ObjectNode created = ((ObjectNode) contact).put("id", next());
      contactsByEmail.put(email.toLowerCase(), created);
      return Answer.json(201, created.toString());
    }
    if (method.equals("PUT") && (m = Pattern.compile("/api/REST/1.0/data/contact/(\\d+)").matcher(path)).matches()) {
      ObjectNode contact = (ObjectNode) JSON.readTree(body);
      String id = m.group(1);
      ObjectNode existing = contactsByEmail.values().stream().filter(c -> c.path("id").asText().equals(id)).findFirst().orElse(null);
      if (existing == null) return Answer.json(404, "{\"type\":\"Error\",\"message\":\"Contact not found\"}");
      merge(existing, contact.path("fieldValues"));
      return Answer.json(200, existing.toString());
    }
    if (method.equals("GET") && path.equals("/api/REST/1.0/assets/contact/fields")) {
      String name = quoted(query.get("search"));
      ObjectNode page = list();
      String id = name.equals("C_Onboarding_Stage1") ? STAGE_FIELD : name.equals("C_Onboarding_Role1") ? ROLE_FIELD : null;
      if (id != null) ((ArrayNode) page.get("elements")).addObject().put("type", "ContactField").put("id", id).put("internalName", name);
      return Answer.json(200, page.toString());
    }
    if (method.equals("GET") && path.equals("/api/REST/2.0/assets/customObjects")) {
      ObjectNode page = list();
      if (quoted(query.get("search")).equals("Onboarding")) {
        ObjectNode object = ((ArrayNode) page.get("elements")).addObject().put("type", "CustomObject").put("id", OBJECT_ID)
            .put("name", "Onboarding");
        ArrayNode fields = object.putArray("fields");
        RECORD_FIELDS.forEach((name, id) -> fields.addObject().put("type", "CustomObjectField").put("id", id).put("internalName", name));
      }
      return Answer.json(200, page.toString());
    }
    if (path.startsWith("/api/REST/2.0/data/customObject/" + OBJECT_ID + "/instance")) {
      if (method.equals("GET")) {
        String onboardingId = quoted(query.get("search"));
        ObjectNode page = list();
        records.values().stream().filter(r -> onboardingId.equals(fieldValue(r, "501")))
            .forEach(r -> ((ArrayNode) page.get("elements")).add(r.deepCopy()));
        return Answer.json(200, page.toString());
      }
      ObjectNode record = (ObjectNode) JSON.readTree(body);
      if (method.equals("POST")) {
        record.put("id", next());
        records.put(record.get("id").asText(), record);
        return Answer.json(201, record.toString());
      }
      String id = path.substring(path.lastIndexOf('/') + 1);
      if (!records.containsKey(id)) return Answer.json(404, "{\"type\":\"Error\",\"message\":\"not found\"}");
      merge(records.get(id), record.path("fieldValues"));
      return Answer.json(200, records.get(id).toString());
    }
    if ((m = Pattern.compile("/api/REST/2.0/assets/form/(\\d+)").matcher(path)).matches() && method.equals("GET")) {
      if (!List.of(WELCOME_FORM, CSAT_FORM, TRAINING_FORM).contains(m.group(1))) {
        return Answer.json(404, "{\"type\":\"Error\",\"message\":\"There is no form with id " + m.group(1) + "\"}");
      }
      String form = "{\"type\":\"Form\",\"id\":\"" + m.group(1) + "\",\"name\":\"Onramp play\",\"elements\":["
          + "{\"type\":\"FormField\",\"id\":\"9001\",\"name\":\"Email Address\",\"htmlName\":\"emailAddress\",\"displayType\":\"text\"}"
          + (formHasKeyField ? ",{\"type\":\"FormField\",\"id\":\"9002\",\"name\":\"Onramp key\",\"htmlName\":\"onrampEnrolmentKey\","
          + "\"displayType\":\"hidden\"}" : "") + "]}";
      return Answer.json(200, form);
    }
    if ((m = Pattern.compile("/api/REST/2.0/data/form/(\\d+)").matcher(path)).matches()) {
      String formId = m.group(1);
      if (method.equals("GET")) {
        ObjectNode page = list();
        submissions.stream().filter(s -> s.path("formId").asText().equals(formId))
            .forEach(s -> ((ArrayNode) page.get("elements")).add(s.deepCopy()));
        page.put("total", page.get("elements").size());
        return Answer.json(200, page.toString());
      }
      ObjectNode submission = (ObjectNode) JSON.readTree(body);
      for (JsonNode value : submission.path("fieldValues")) {
        if (value.path("id").asText().equals("9001") && !valid(value.path("value").asText())) {
          return Answer.json(400, "{\"type\":\"ObjectValidationError\",\"property\":\"9001\",\"requirement\":{\"type\":\"EmailAddressRequirement\"},"
              + "\"value\":\"" + value.path("value").asText() + "\"}");
        }
      }
      submission.put("id", next()).put("formId", formId);
      submissions.add(submission);
      return Answer.json(201, submission.toString());
    }
    if (method.equals("POST") && (path.equals("/api/bulk/2.0/contacts/imports") || path.equals("/api/bulk/2.0/customObjects/" + OBJECT_ID + "/imports"))) {
      ObjectNode definition = (ObjectNode) JSON.readTree(body);
      bulkRows.clear();
      imports++;
      definition.put("uri", path.substring("/api/bulk/2.0".length()) + "/" + next());
      return Answer.json(201, definition.toString());
    }
    if (method.equals("POST") && path.endsWith("/data") && path.startsWith("/api/bulk/2.0/")) {
      JSON.readTree(body).forEach(bulkRows::add);
      return Answer.json(204, "");
    }
    if (method.equals("POST") && path.equals("/api/bulk/2.0/syncs")) {
      syncPolls = 0;
      JsonNode sync = JSON.readTree(body);
      return Answer.json(201, "{\"syncedInstanceUri\":\"" + sync.path("syncedInstanceUri").asText() + "\",\"status\":\"pending\","
          + "\"uri\":\"/syncs/" + next() + "\"}");
    }
    if (method.equals("GET") && path.matches("/api/bulk/2.0/syncs/\\d+")) {
      syncPolls++;
      boolean rejects = bulkRows.stream().anyMatch(r -> (r.has("email") && !valid(r.path("email").asText())));
      String status = syncPolls < 2 ? "active" : rejects ? (rejectsFailTheSync ? "error" : "warning") : "success";
      if (status.equals("success") || status.equals("warning")) applyBulkRows();
      return Answer.json(200, "{\"status\":\"" + status + "\",\"uri\":\"" + path.substring("/api/bulk/2.0".length()) + "\"}");
    }
    if (method.equals("GET") && path.matches("/api/bulk/2.0/syncs/\\d+/rejects")) {
      ArrayNode items = JSON.createArrayNode();
      bulkRows.stream().filter(r -> (r.has("email") && !valid(r.path("email").asText()))).forEach(r -> items.addObject()
          .put("message", "Invalid email address.").put("statusCode", "ELQ-00107").set("fieldValues", r));
      return Answer.json(200, "{\"items\":" + items + ",\"totalResults\":" + items.size() + ",\"limit\":1000,\"offset\":0,\"count\":"
          + items.size() + ",\"hasMore\":false}");
    }
    return Answer.json(404, "{\"type\":\"Error\",\"message\":\"no such endpoint " + method + " " + path + "\"}");
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

  private String next() {
    return Integer.toString(ids.incrementAndGet());
  }

  // -- what the page and the tests read, and what tests switch ------------------------------------

  public synchronized void existingContact(String email) {
    ObjectNode contact = JSON.createObjectNode().put("type", "Contact").put("id", next()).put("emailAddress", email);
    contact.putArray("fieldValues");
    contactsByEmail.put(email.toLowerCase(), contact);
  }

  /** A contact by email (a copy), or null. */
  public synchronized JsonNode contact(String email) {
    ObjectNode contact = contactsByEmail.get(email.toLowerCase());
    return contact == null ? null : contact.deepCopy();
  }

  public synchronized int contactCount() {
    return contactsByEmail.size();
  }

  public synchronized int recordCount() {
    return records.size();
  }

  /** Every form submission so far (copies), oldest first. */
  public synchronized List<JsonNode> submissions() {
    return submissions.stream().map(s -> (JsonNode) s.deepCopy()).toList();
  }

  /** API calls answered (not counting /id and tokens). */
  public synchronized int apiCalls() {
    return calls;
  }

  public synchronized int imports() {
    return imports;
  }

  /** The next API call answers this status (401, 429 or 503) instead. */
  public synchronized void queueFault(int status) {
    faults.add(status);
  }

  /** Whether the plays' forms carry the hidden enrolment key field (an admin may forget it). */
  /** Whether a sync with rejected rows ends in {@code error} with nothing imported (else {@code warning}, the rest imported). */
  public synchronized void rejectsFailTheSync(boolean whole) {
    rejectsFailTheSync = whole;
  }

  public synchronized void formHasKeyField(boolean present) {
    formHasKeyField = present;
  }

  /** The instance moved: /id hands out another base. */
  public synchronized void instanceBase(String base) {
    instanceBase = base;
  }

  public synchronized String accessToken() {
    return accessToken;
  }

  public synchronized String refreshToken() {
    return refreshToken;
  }

  /** The refresh token an admin issued (the app's first, or a replacement). */
  public synchronized void refreshToken(String token) {
    refreshToken = token;
  }


  /** The value a contact (by email) holds in a field, or null. */
  public synchronized String contactField(String email, String fieldId) {
    return fieldValue(contactsByEmail.get(email.toLowerCase()), fieldId);
  }

  /** How many times a form was submitted for an email. */
  public synchronized long submissionsOf(String formId, String email) {
    return submissions.stream().filter(s -> s.path("formId").asText().equals(formId))
        .filter(s -> { for (JsonNode v : s.path("fieldValues")) if (v.path("id").asText().equals("9001") && v.path("value").asText().equalsIgnoreCase(email)) return true; return false; })
        .count();
  }

  public synchronized String recordField(String onboardingId, String internalName) {
    return records.values().stream().filter(r -> onboardingId.equals(fieldValue(r, "501"))).findFirst()
        .map(r -> fieldValue(r, RECORD_FIELDS.get(internalName))).orElse(null);
  }

  @Override
  public synchronized Object view() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("contacts", contactsByEmail.values().stream().map(c -> Map.of("id", c.path("id").asText(), "email",
        c.path("emailAddress").asText(), "stage", String.valueOf(fieldValue(c, STAGE_FIELD)), "role", String.valueOf(fieldValue(c, ROLE_FIELD)))).toList());
    view.put("onboardingRecords", records.values().stream().map(r -> {
      Map<String, String> fields = new LinkedHashMap<>();
      RECORD_FIELDS.forEach((name, id) -> fields.put(name, String.valueOf(fieldValue(r, id))));
      return fields;
    }).toList());
    view.put("formSubmissions", submissions.stream().map(s -> Map.of("formId", s.path("formId").asText(), "fields", s.path("fieldValues"))).toList());
    view.put("calls", calls);
    view.put("bulkImports", imports);
    return view;
  }
}

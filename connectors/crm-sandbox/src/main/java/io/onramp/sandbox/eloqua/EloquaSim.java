package io.onramp.sandbox.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Call;
import io.onramp.sandbox.SandboxProperties;
import io.onramp.sandbox.Vendor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * An Eloqua instance for the subset the connector uses, answering with Eloqua's shapes — the front door: /id
 * discovery, who may call ({@link EloquaLogin}: Basic or OAuth with rotating refresh tokens), single faults (401, 429, 503)
 * that can be queued, and the routes: contacts and their fields ({@link EloquaContacts}), the "Onboarding" custom
 * object ({@link EloquaCustomObjects}), the plays' forms ({@link EloquaForms}), Bulk 2.0 ({@link EloquaBulk}). The
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

  private final EloquaData data = new EloquaData();
  private final EloquaForms forms = new EloquaForms(data);
  private final EloquaBulk bulk = new EloquaBulk(data);
  private final List<EloquaRoute> routes = List.of(new EloquaContacts(data), new EloquaCustomObjects(data), forms, bulk);
  private final Deque<Integer> faults = new ArrayDeque<>();
  private final EloquaLogin login;
  private final String company;
  private final String username;
  private String instanceBase;
  private int calls;

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
    this.login = new EloquaLogin(data, company, username, password, oauthClient);
    this.instanceBase = base;
  }

  @Override
  public String name() {
    return "eloqua";
  }

  @Override
  public synchronized void reset() {
    data.clear();
    forms.clear();
    bulk.clear();
    faults.clear();
    login.clear();
    calls = 0;
  }

  /** Forgets everything and serves as the instance at {@code base}. */
  public synchronized void reset(String base) {
    reset();
    instanceBase = base;
  }

  @Override
  public synchronized Answer handle(Call call) {
    if (call.path().equals("/auth/oauth2/token")) {
      return login.token(call);
    }
    if (!login.authorized(call.header("Authorization"))) {
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
      for (EloquaRoute route : routes) {
        Answer answer = route.answer(call.method(), call.path(), call.query(), call.text());
        if (answer != null) {
          return answer;
        }
      }
      return Answer.json(404, "{\"type\":\"Error\",\"message\":\"no such endpoint " + call.method() + " " + call.path() + "\"}");
    } catch (Call.BadRequest e) {
      throw e;
    } catch (Exception e) {
      return Answer.json(400, "{\"type\":\"Error\",\"message\":\"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}");
    }
  }

  // -- what the page and the tests read, and what tests switch ------------------------------------

  public synchronized void existingContact(String email) {
    data.newContact(email);
  }

  /** A contact by email (a copy), or null. */
  public synchronized JsonNode contact(String email) {
    ObjectNode contact = data.contactsByEmail.get(email.toLowerCase());
    return contact == null ? null : contact.deepCopy();
  }

  public synchronized int contactCount() {
    return data.contactsByEmail.size();
  }

  public synchronized int recordCount() {
    return data.records.size();
  }

  /** Every form submission so far (copies), oldest first. */
  public synchronized List<JsonNode> submissions() {
    return forms.submissions.stream().map(s -> (JsonNode) s.deepCopy()).toList();
  }

  /** API calls answered (not counting /id and tokens). */
  public synchronized int apiCalls() {
    return calls;
  }

  public synchronized int imports() {
    return bulk.imports;
  }

  /** The next API call answers this status (401, 429 or 503) instead. */
  public synchronized void queueFault(int status) {
    faults.add(status);
  }

  /** Whether a sync with rejected rows ends in {@code error} with nothing imported (else {@code warning}, the rest imported). */
  public synchronized void rejectsFailTheSync(boolean whole) {
    bulk.rejectsFailTheSync = whole;
  }

  /** Whether the plays' forms carry the hidden enrolment key field (an admin may forget it). */
  public synchronized void formHasKeyField(boolean present) {
    forms.formHasKeyField = present;
  }

  /** The instance moved: /id hands out another base. */
  public synchronized void instanceBase(String base) {
    instanceBase = base;
  }

  public synchronized String accessToken() {
    return login.accessToken;
  }

  public synchronized String refreshToken() {
    return login.refreshToken;
  }

  /** The refresh token an admin issued (the app's first, or a replacement). */
  public synchronized void refreshToken(String token) {
    login.refreshToken = token;
  }

  /** The value a contact (by email) holds in a field, or null. */
  public synchronized String contactField(String email, String fieldId) {
    return EloquaData.fieldValue(data.contactsByEmail.get(email.toLowerCase()), fieldId);
  }

  /** How many times a form was submitted for an email. */
  public synchronized long submissionsOf(String formId, String email) {
    return forms.submissionsOf(formId, email);
  }

  public synchronized String recordField(String onboardingId, String internalName) {
    return EloquaData.fieldValue(data.record(onboardingId), EloquaData.RECORD_FIELDS.get(internalName));
  }

  @Override
  public synchronized Object view() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("contacts", data.contactsByEmail.values().stream().map(c -> Map.of("id", c.path("id").asText(), "email",
        c.path("emailAddress").asText(), "stage", String.valueOf(EloquaData.fieldValue(c, STAGE_FIELD)),
        "role", String.valueOf(EloquaData.fieldValue(c, ROLE_FIELD)))).toList());
    view.put("onboardingRecords", data.records.values().stream().map(r -> {
      Map<String, String> fields = new LinkedHashMap<>();
      EloquaData.RECORD_FIELDS.forEach((name, id) -> fields.put(name, String.valueOf(EloquaData.fieldValue(r, id))));
      return fields;
    }).toList());
    view.put("formSubmissions", forms.submissions.stream().map(s -> Map.of("formId", s.path("formId").asText(),
        "fields", s.path("fieldValues"))).toList());
    view.put("calls", calls);
    view.put("bulkImports", bulk.imports);
    return view;
  }
}

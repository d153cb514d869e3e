package io.onramp.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onramp.processes.StepRecords;
import io.onramp.testing.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The running platform as its people use it: sales reps, CS leads and CSMs through the gateway with
 * their own Keycloak tokens, and the CRM sandbox where deals are won. Used to seed the demo, by the
 * system tests and by the benchmarks.
 */
public final class Platform {

  public static final ObjectMapper JSON = new ObjectMapper();
  /** Within the realm's 5-minute access tokens; one sign-in per user at a time (Keycloak counts a burst as an attack). */
  private static final Duration TOKEN_REUSE = Duration.ofSeconds(180);

  public record Answer(int status, String body, HttpResponse<String> response) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON (" + status + "): " + body, e);
      }
    }

    public Answer expect(int expected) {
      if (status != expected) {
        throw new IllegalStateException("expected " + expected + " but got " + status + ": " + body);
      }
      return this;
    }
  }

  private record Token(String value, long at) {
  }

  private final String gateway;
  private final String sandbox;
  private final KeycloakServer keycloak;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  public Platform(String gateway, String sandbox, KeycloakServer keycloak) {
    this.gateway = gateway;
    this.sandbox = sandbox;
    this.keycloak = keycloak;
  }

  /** A call through the gateway as a demo user (null = anonymous). */
  public Answer as(String user, String method, String path, Object body, String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    if (user != null) {
      all.addAll(List.of("Authorization", "Bearer " + token(user)));
    }
    return send(gateway + path, method, body, all.toArray(String[]::new));
  }

  /** A call to the CRM sandbox's own controls ({@code /sandbox/...}). */
  public Answer sandbox(String method, String path, Object body) {
    return send(sandbox + path, method, body);
  }

  public JsonNode sandboxState() {
    return sandbox("GET", "/sandbox/state", null).expect(200).json();
  }

  // -- the steps of an onboarding, as people do them ----------------------------------------------

  /** What every demo deal sells: its line items. */
  public static final List<String> PRODUCTS = List.of("Reports", "Connectors");

  /** A sales rep wins a HubSpot deal for an account; returns the deal id. HubSpot's webhook follows. */
  public String winHubSpotDeal(String account, String domain) {
    JsonNode deal = sandbox("POST", "/sandbox/hubspot/deals", Map.of("name", account + " — annual plan", "amount", "48000",
        "company", account, "domain", domain, "contacts", contacts(domain), "products", PRODUCTS, "owner", LocalStack.SAM_IN_HUBSPOT))
        .expect(201).json();
    String dealId = deal.get("dealId").asText();
    sandbox("POST", "/sandbox/hubspot/deals/" + dealId + "/stage", Map.of("stage", "closedwon")).expect(200);
    return dealId;
  }

  /** The same in Salesforce; returns the opportunity id. The Outbound Message follows. */
  public String winSalesforceOpportunity(String account, String domain) {
    JsonNode opportunity = sandbox("POST", "/sandbox/salesforce/opportunities", Map.of("name", account + " — annual plan",
        "amount", "36000", "company", account, "domain", "https://www." + domain, "contacts", contacts(domain),
        "products", PRODUCTS, "owner", LocalStack.SAM_IN_SALESFORCE)).expect(201).json();
    String id = opportunity.get("opportunityId").asText();
    sandbox("POST", "/sandbox/salesforce/opportunities/" + id + "/stage", Map.of("stage", "Closed Won")).expect(200);
    return id;
  }

  private static List<Map<String, String>> contacts(String domain) {
    return List.of(Map.of("firstName", "Dana", "lastName", "Reyes", "email", "dana@" + domain, "role", "Executive Sponsor"),
        Map.of("firstName", "Sam", "lastName", "Ortiz", "email", "sam.ortiz@" + domain, "role", "Influencer"),
        Map.of("firstName", "Lee", "lastName", "Park", "email", "lee.park@" + domain, "role", "Technical Buyer"));
  }

  /** The handoff draft the CRM's closed-won event created, as the sales rep sees it ({@code crmField}: hubspotDealId…). */
  public JsonNode awaitDraft(String crmField, String crmId, Duration timeout) throws InterruptedException {
    return await("a handoff draft for " + crmField + " " + crmId, timeout, () -> {
      for (JsonNode handoff : as("sam", "GET", "/api/handoffs?status=DRAFT&limit=500", null).expect(200).json()) {
        if (crmId.equals(handoff.path("content").path("crm").path(crmField).asText(null))
            || crmId.equals(handoff.path("crm").path(crmField).asText(null))) {
          return handoff;
        }
      }
      return null;
    });
  }

  /** The sales rep fills in what the CRM could not know and submits; returns the handoff id (the journey's business key). */
  public String completeAndSubmit(JsonNode draft) {
    String id = draft.get("id").asText();
    Answer current = as("sam", "GET", "/api/handoffs/" + id, null).expect(200);
    ObjectNode content = (ObjectNode) (current.json().has("content") ? current.json().get("content") : current.json()).deepCopy();
    LocalDate today = LocalDate.now();
    String domain = content.path("account").path("domain").asText("acme.example");
    ((ObjectNode) content.with("account")).put("segment", "assisted").put("region", "EMEA");
    content.set("products", JSON.valueToTree(List.of(Map.of("name", "Reports"), Map.of("name", "Connectors"))));
    content.set("goals", JSON.valueToTree(List.of(
        Map.of("description", "Replace weekly spreadsheet reporting", "successCriterion", "first automated board report sent",
            "targetDate", today.plusDays(45).toString()),
        Map.of("description", "Cut report preparation time", "successCriterion", "under 1 hour per week by day 60",
            "targetDate", today.plusDays(60).toString()))));
    content.put("firstValueMilestone", "First automated board report sent to the executive team");
    content.set("painPoints", JSON.valueToTree(List.of("Two analysts spend two days a week on manual reports")));
    content.set("requirements", JSON.valueToTree(List.of("Board report from pipeline data", "SSO for 40 users")));
    content.set("integrations", JSON.valueToTree(List.of("Salesforce", "HubSpot", "Okta")));
    content.set("risks", JSON.valueToTree(List.of("Data migration depends on their IT team")));
    content.set("stakeholders", JSON.valueToTree(List.of(
        Map.of("role", "EXECUTIVE_SPONSOR", "name", "Dana Reyes", "email", "dana@" + domain),
        Map.of("role", "CHAMPION", "name", "Sam Ortiz", "email", "sam.ortiz@" + domain),
        Map.of("role", "ADMIN", "name", "Lee Park", "email", "lee.park@" + domain))));
    content.put("targetGoLiveDate", today.plusDays(50).toString());
    Answer updated = as("sam", "PUT", "/api/handoffs/" + id, content, "If-Match", etag(current)).expect(200);
    as("sam", "POST", "/api/handoffs/" + id + "/submit", null, "If-Match", etag(updated)).expect(200);
    return id;
  }

  private static String etag(Answer answer) {
    return answer.response().headers().firstValue("ETag").orElseThrow(() -> new IllegalStateException("no ETag: " + answer.body()));
  }

  /** The open user tasks of a journey that a user can see, e.g. [Task_HoldKickoffCall]. */
  public List<JsonNode> tasks(String user, String handoffId) {
    List<JsonNode> tasks = new ArrayList<>();
    as(user, "GET", "/engine-rest/task?maxResults=200&processInstanceBusinessKey=" + handoffId, null).expect(200).json().forEach(tasks::add);
    return tasks;
  }

  /**
   * Waits until {@code user} sees task {@code key} of the journey, then completes it with what its form
   * requires ({@link StepRecords}) and {@code variables} on top.
   */
  public void complete(String user, String handoffId, String key, Map<String, Object> variables, Duration timeout)
      throws InterruptedException {
    JsonNode task = await(user + "'s task " + key + " of " + handoffId, timeout, () -> tasks(user, handoffId).stream()
        .filter(t -> t.get("taskDefinitionKey").asText().equals(key)).findFirst().orElse(null));
    Map<String, Object> recorded = new java.util.HashMap<>(StepRecords.of(key));
    recorded.putAll(variables);
    as(user, "POST", "/engine-rest/task/" + task.get("id").asText() + "/complete", completion(recorded)).expect(204);
  }

  /** The body of a task completion with these variables (Camunda REST's typed values; types inferred from the JSON). */
  public static Map<String, Object> completion(Map<String, Object> variables) {
    Map<String, Object> typed = new java.util.HashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
    return Map.of("variables", typed);
  }

  /** The CS lead accepts the handoff in their review task. */
  public void accept(String handoffId, Duration timeout) throws InterruptedException {
    complete("lee", handoffId, "Task_ReviewHandoff", Map.of("handoffAccepted", true), timeout);
  }

  /** Polls with a deadline until the supplier gives something (not null, not false). */
  public static <T> T await(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = probe.get();
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      Thread.sleep(200);      // poll interval
    }
    throw new IllegalStateException("waited " + timeout.toSeconds() + " s for " + what + (last == null ? "" : "; last error: "
        + last.getMessage()));
  }

  private synchronized String token(String user) {
    Token token = tokens.get(user);
    if (token == null || System.nanoTime() - token.at() > TOKEN_REUSE.toNanos()) {
      token = new Token(keycloak.userToken(user), System.nanoTime());
      tokens.put(user, token);
    }
    return token.value();
  }

  private Answer send(String url, String method, Object body, String... headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

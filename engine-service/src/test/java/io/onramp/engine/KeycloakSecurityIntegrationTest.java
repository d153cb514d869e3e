package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.testing.BrowserSession;
import io.onramp.testing.EmbeddedPostgres;
import io.onramp.testing.KeycloakServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * engine-service called directly (no gateway) with Keycloak: tokens, route roles, Camunda
 * authorization by Keycloak groups, workers held to their own topics, and the Tasklist login
 * checked against Keycloak showing a CSM their group's tasks only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.prometheus.metrics.export.enabled=true")      // Spring Boot's tests turn it off
class KeycloakSecurityIntegrationTest {

  static final KeycloakServer keycloak = KeycloakServer.get();

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void wiring(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry);
    registry.add("onramp.keycloak.url", () -> keycloak.url().toString());
    registry.add("onramp.keycloak.engine-client-secret", () -> KeycloakServer.SECRETS.get("engine-service"));
  }

  @Test
  void shouldAnswerOnlyValidTokensForOnrampAndOnlyTheRightRoles() {
    Api anonymous = new Api(base(), null, null);
    assertThat(anonymous.get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/onboardings/anything").status()).isEqualTo(401);
    assertThat(Api.bearer(base(), keycloak.userToken("casey", "onramp-tests-no-audience")).get("/engine-rest/task").status())
        .isEqualTo(401);
    assertThat(new Api(base(), "casey", KeycloakServer.DEMO_PASSWORD).get("/engine-rest/task").status()).as("no Basic").isEqualTo(401);
    assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);

    assertThat(user("casey").get("/api/onboardings/unknown").status()).isEqualTo(404);
    assertThat(user("casey").postMultipart("/engine-rest/deployment/create", "x.bpmn", process("casey_process")).status()).isEqualTo(403);
    assertThat(user("dana").postMultipart("/engine-rest/deployment/create", "designer.bpmn", process("dana_process")).status())
        .isEqualTo(200);
    assertThat(service("eloqua-connector").postMultipart("/engine-rest/deployment/create", "x.bpmn", process("worker_process")).status())
        .isEqualTo(403);

    assertThat(service("hubspot-connector").post("/api/sync/hubspot/claim", Map.of("workerId", "w", "maxItems", 1)).status())
        .isEqualTo(200);
    assertThat(service("hubspot-connector").post("/api/sync/salesforce/claim", Map.of("workerId", "w")).status()).isEqualTo(403);
    assertThat(user("casey").post("/api/sync/hubspot/claim", Map.of("workerId", "w")).status()).isEqualTo(403);
    assertThat(user("casey").get("/actuator/metrics/onramp.sync.backlog").status()).isEqualTo(403);
    assertThat(user("otto").get("/actuator/metrics/onramp.sync.backlog").status()).isEqualTo(200);
    Api prometheus = service("prometheus");                   // metrics-reader: the metrics and nothing else
    assertThat(prometheus.get("/actuator/prometheus").status()).isEqualTo(200);
    assertThat(prometheus.get("/actuator/metrics/onramp.sync.backlog").status()).isEqualTo(200);
    assertThat(prometheus.get("/api/insights/completion").status()).isEqualTo(403);
    assertThat(prometheus.get("/engine-rest/task").status()).isEqualTo(403);
    assertThat(prometheus.post("/api/sync/hubspot/resync", Map.of()).status()).isEqualTo(403);
    assertThat(user("casey").get("/api/insights/time-to-value").status()).isEqualTo(403);         // insights: CS leads, revops
    assertThat(user("lee").get("/api/insights/time-to-value").status()).isEqualTo(200);
    assertThat(service("handoff-service").get("/api/insights/customers-like-you?segment=assisted").status())
        .as("handoff-service shows it on the handoff").isEqualTo(200);
    assertThat(service("handoff-service").get("/api/insights/completion").status()).isEqualTo(403);
    assertThat(user("rita").post("/api/insights/outcomes", Map.of("onboarding", "nobody", "outcome", "RENEWED")).status())
        .isEqualTo(404);
    assertThat(user("casey").post("/api/insights/outcomes", Map.of("onboarding", "nobody", "outcome", "RENEWED")).status())
        .isEqualTo(403);
    assertThat(user("dana").post("/api/journeys/migrations", Map.of("processDefinitionKey", "customer-onboarding")).status())
        .as("a designer plans a migration").isEqualTo(200);
    assertThat(user("casey").post("/api/journeys/migrations", Map.of("processDefinitionKey", "customer-onboarding")).status())
        .isEqualTo(403);
  }

  @Test
  void shouldShowEachGroupItsOwnTasksAndKeepWorkersToTheirOwnTopics() throws Exception {
    String handoff = "H-" + UUID.randomUUID();
    service("handoff-service").post("/engine-rest/message", Map.of("messageName", "HandoffSubmitted", "businessKey", handoff,
        "processVariables", journeyVariables(handoff))).expect(204);

    assertThat(tasks(user("casey"), handoff)).isEmpty();                              // the review is the CS lead's
    JsonNode review = tasks(user("lee"), handoff).get(0);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("Task_ReviewHandoff");
    user("lee").post("/engine-rest/task/" + review.get("id").asText() + "/complete",
        Map.of("variables", Map.of("handoffAccepted", Map.of("value", true, "type", "Boolean")))).expect(204);

    assertThat(tasks(user("casey"), handoff)).extracting(t -> t.get("taskDefinitionKey").asText()).containsExactly("Task_HoldKickoffCall");
    assertThat(tasks(user("lee"), handoff)).isEmpty();
    assertThat(tasks(user("sam"), handoff)).isEmpty();

    // workers: their own topic only
    Api eloqua = service("eloqua-connector");
    assertThat(eloqua.post("/engine-rest/external-task/fetchAndLock", fetch("eloqua-1", "handoff-review", handoff)).status()).isEqualTo(403);
    assertThat(eloqua.post("/engine-rest/engine/default/external-task/fetchAndLock", fetch("eloqua-1", "handoff-review", handoff)).status())
        .as("the named-engine root holds workers to their topics too").isEqualTo(403);
    assertThat(eloqua.post("/engine-rest/engine/default/external-task/fetchAndLock", fetch("eloqua-1", "marketing-journey", "nobody"))
        .status()).isEqualTo(200);
    JsonNode handoffReview = service("handoff-service").post("/engine-rest/external-task/fetchAndLock",
        fetch("handoff-1", "handoff-review", handoff)).expect(200).json();
    assertThat(handoffReview).hasSize(1);
    assertThat(eloqua.post("/engine-rest/external-task/" + handoffReview.get(0).get("id").asText() + "/complete",
        Map.of("workerId", "eloqua-1")).status()).isEqualTo(403);
    assertThat(eloqua.post("/engine-rest/engine/default/external-task/" + handoffReview.get(0).get("id").asText() + "/complete",
        Map.of("workerId", "eloqua-1")).status()).isEqualTo(403);
    service("handoff-service").post("/engine-rest/external-task/" + handoffReview.get(0).get("id").asText() + "/complete",
        Map.of("workerId", "handoff-1")).expect(204);
    JsonNode welcome = eloqua.post("/engine-rest/external-task/fetchAndLock", fetch("eloqua-1", "marketing-journey", handoff)).expect(200).json();
    assertThat(welcome).extracting(t -> t.get("activityId").asText()).containsExactly("Task_SendWelcome");
    assertThat(eloqua.get("/engine-rest/external-task").status()).isEqualTo(403);
    assertThat(user("casey").post("/engine-rest/external-task/fetchAndLock", fetch("casey", "marketing-journey", handoff)).status())
        .isEqualTo(403);

    // a connector reports a permanent failure: the incident is raised though the connector may not read journeys
    Api hubspot = service("hubspot-connector");
    List<Map<String, Object>> failed = new ArrayList<>();
    hubspot.post("/api/sync/hubspot/claim", Map.of("workerId", "hubspot-1", "maxItems", 500, "leaseSeconds", 5)).expect(200).json()
        .forEach(item -> {
          if (item.path("onboarding").path("businessKey").asText().equals(handoff) && item.path("kind").asText().equals("ONBOARDING")) {
            failed.add(Map.of("id", item.get("id").asLong(), "lease", item.get("lease").asText(), "version", item.get("version").asLong(), "outcome", "FAILED",
                "message", "VALIDATION_ERROR: onboarding_stage is not a valid option"));
          }
        });
    assertThat(failed).hasSize(1);
    assertThat(hubspot.post("/api/sync/hubspot/ack", Map.of("items", failed)).expect(200).json().get(0).get("status").asText())
        .isEqualTo("FAILED");
    String journey = tasks(user("casey"), handoff).get(0).get("processInstanceId").asText();
    assertThat(user("otto").get("/engine-rest/incident?maxResults=200&incidentType=onrampCrmSync&processInstanceId=" + journey).expect(200).json())
        .extracting(i -> i.get("incidentMessage").asText()).containsExactly("VALIDATION_ERROR: onboarding_stage is not a valid option");

    // Tasklist with single sign-on: Keycloak's login page, then the CSM's inbox shows the same
    keycloak.allowRedirect("engine-service", base() + "/*");
    BrowserSession browser = new BrowserSession();
    HttpResponse<String> tasklist = browser.signIn(base() + "/camunda/app/tasklist/default/", "casey", KeycloakServer.DEMO_PASSWORD);
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.uri().getPath()).startsWith("/camunda/app/tasklist/");
    HttpResponse<String> inbox = browser.get(base() + "/camunda/api/engine/engine/default/task?maxResults=50&processInstanceBusinessKey=" + handoff);
    assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
    assertThat(inbox.body()).contains("Task_HoldKickoffCall").doesNotContain("Task_ReviewHandoff");
    // the webapps' own door to the engine API (port 8081, any pod can reach it) holds the same rules
    int traced = io.onramp.engine.security.EvaluationTrace.hits();
    Map<String, String> xsrf = Map.of("Content-Type", "application/json", "X-XSRF-TOKEN", browser.cookie(base() + "/camunda/", "XSRF-TOKEN"));
    HttpResponse<String> injected = browser.post(base() + "/camunda/api/engine/engine/default/task/count",
        "{\"orQueries\":[{\"assigneeExpression\":\"" + io.onramp.engine.security.EvaluationTrace.EXPRESSION + "\"}]}", xsrf);
    assertThat(injected.statusCode()).as(injected.body()).isEqualTo(400);
    assertThat(injected.body()).contains("orQueries[0].assigneeExpression");
    assertThat(browser.post(base() + "/camunda/api/engine/engine/default/external-task/fetchAndLock",
        "{\"workerId\":\"casey\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"marketing-journey\",\"lockDuration\":1000}]}", xsrf)
        .statusCode()).isEqualTo(403);
    assertThat(browser.post(base() + "/camunda/api/engine/engine/default/identity/verify",
        "{\"username\":\"lee\",\"password\":\"demo\"}", xsrf).statusCode()).isEqualTo(403);
    assertThat(io.onramp.engine.security.EvaluationTrace.hits()).isEqualTo(traced);
    HttpResponse<String> user = browser.get(base() + "/camunda/api/admin/auth/user/default");
    assertThat(user.body()).contains("\"userId\":\"casey\"");

    // the insights page: CS leads in, with its data by the same session; a CSM signed in is refused
    BrowserSession lead = new BrowserSession();
    HttpResponse<String> page = lead.signIn(base() + "/insights/", "lee", KeycloakServer.DEMO_PASSWORD);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Onramp · Onboarding insights</title>");
    HttpResponse<String> data = lead.get(base() + "/insights/data/completion");
    assertThat(data.statusCode()).as(data.body()).isEqualTo(200);
    assertThat(data.body()).contains("\"alertBelow\":0.8");
    assertThat(browser.get(base() + "/insights/data/completion").statusCode()).as("casey is no CS lead").isEqualTo(403);

    BrowserSession stranger = new BrowserSession();
    assertThat(stranger.get(base() + "/insights/").statusCode()).as("no session: to the login").isEqualTo(302);
    assertThat(stranger.get(base() + "/camunda/app/tasklist/default/").statusCode()).as("no session: to the login").isEqualTo(302);
    assertThat(stranger.get(base() + "/camunda/api/engine/engine/default/task").statusCode()).isNotEqualTo(200);
  }

  @Test
  void shouldGiveWorkersOnlyWhatTheirTopicsNeedAndCheckNoPasswordsOverHttp() {
    String key = "other_" + UUID.randomUUID().toString().substring(0, 8);
    user("dana").postMultipart("/engine-rest/deployment/create", key + ".bpmn", process(key)).expect(200);
    String other = user("otto").post("/engine-rest/process-definition/key/" + key + "/start", Map.of()).expect(200).json().get("id").asText();
    Map<String, Object> change = Map.of("modifications", Map.of("stolen", Map.of("value", true, "type", "Boolean")));
    for (String worker : List.of("handoff-service", "eloqua-connector")) {
      assertThat(service(worker).post("/engine-rest/process-instance/" + other + "/variables", change).status())
          .as(worker + " may not change a process that is not a journey").isEqualTo(403);
    }
    assertThat(user("otto").post("/engine-rest/process-instance/" + other + "/variables", change).status()).isEqualTo(204);

    Map<String, String> credentials = Map.of("username", "lee", "password", KeycloakServer.DEMO_PASSWORD);
    for (String root : List.of("/engine-rest", "/engine-rest/engine/default")) {
      assertThat(user("otto").post(root + "/identity/verify", credentials).status()).as(root).isEqualTo(403);
      assertThat(user("sam").post(root + "/identity/verify", credentials).status()).as(root).isEqualTo(403);
    }
  }

  // -- helpers ---------------------------------------------------------------------------------------

  private String base() {
    return "http://localhost:" + port;
  }

  private Api user(String name) {
    return Api.bearer(base(), keycloak.userToken(name));
  }

  private Api service(String client) {
    return Api.bearer(base(), keycloak.serviceToken(client));
  }

  private static List<JsonNode> tasks(Api api, String businessKey) {
    List<JsonNode> tasks = new ArrayList<>();
    api.get("/engine-rest/task?maxResults=200&processInstanceBusinessKey=" + businessKey).expect(200).json().forEach(tasks::add);
    return tasks;
  }

  private static Map<String, Object> fetch(String workerId, String topic, String businessKey) {
    return Map.of("workerId", workerId, "maxTasks", 10, "topics", List.of(Map.of("topicName", topic, "lockDuration", 60_000,
        "businessKey", businessKey)));
  }

  private static Map<String, Object> journeyVariables(String handoff) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("handoffId", Map.of("value", handoff, "type", "String"));
    v.put("accountName", Map.of("value", "Acme", "type", "String"));
    v.put("segment", Map.of("value", "assisted", "type", "String"));
    v.put("arr", Map.of("value", 40_000.0, "type", "Double"));
    v.put("productCount", Map.of("value", 1, "type", "Integer"));
    v.put("hubspotDealId", Map.of("value", "9001", "type", "String"));
    return v;
  }

  private static byte[] process(String key) {
    return StageTrackingIntegrationTest.designerProcess(key, "SETUP");
  }
}

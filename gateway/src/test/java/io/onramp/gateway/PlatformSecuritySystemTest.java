package io.onramp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.testing.EmbeddedPostgres;
import io.onramp.testing.KeycloakServer;
import io.onramp.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform's security end to end: a real Keycloak, engine-service and handoff-service from their
 * jars (Keycloak mode, their own databases), and the gateway in front. Callers go through the gateway
 * only, as they would in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformSecuritySystemTest {

  static final KeycloakServer keycloak = KeycloakServer.get();
  static final ObjectMapper JSON = new ObjectMapper();
  static final ServiceProcess engine;
  static final ServiceProcess handoff;

  static {
    try {
      Map<String, String> common = Map.of("ONRAMP_KEYCLOAK_URL", keycloak.url().toString());
      java.util.HashMap<String, String> engineEnv = new java.util.HashMap<>(common);
      engineEnv.putAll(Map.of("ONRAMP_DB_URL", jdbc("system_engine"), "ONRAMP_DB_USER", "postgres", "ONRAMP_DB_PASSWORD", "",
          "ONRAMP_ENGINE_CLIENT_SECRET", KeycloakServer.SECRETS.get("engine-service")));
      engine = ServiceProcess.start("system-engine-service", Path.of("../engine-service/target/engine-service.jar"),
          "ONRAMP_ENGINE_PORT", engineEnv);
      java.util.HashMap<String, String> handoffEnv = new java.util.HashMap<>(common);
      handoffEnv.putAll(Map.of("ONRAMP_HANDOFF_DB_URL", jdbc("system_handoff"), "ONRAMP_HANDOFF_DB_USER", "postgres",
          "ONRAMP_HANDOFF_DB_PASSWORD", "", "ONRAMP_ENGINE_URL", "http://localhost:0",
          "ONRAMP_HANDOFF_CLIENT_SECRET", KeycloakServer.SECRETS.get("handoff-service")));
      engine.awaitReady(Duration.ofSeconds(180));
      handoffEnv.put("ONRAMP_ENGINE_URL", engine.url());
      handoff = ServiceProcess.start("system-handoff-service", Path.of("../handoff-service/target/handoff-service.jar"),
          "ONRAMP_HANDOFF_PORT", handoffEnv);
      handoff.awaitReady(Duration.ofSeconds(120));
    } catch (Exception e) {
      throw new IllegalStateException("the platform did not start: " + e.getMessage(), e);
    }
  }

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void wiring(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak::issuer);
    registry.add("onramp.gateway.engine-url", engine::url);
    registry.add("onramp.gateway.handoff-url", handoff::url);
  }

  @AfterAll
  static void stop() throws Exception {
    handoff.close();
    engine.close();
  }

  @Test
  void shouldCarryAHandoffIntoTheRightInboxesWithEveryCallerHeldToTheirRole() throws Exception {
    // anonymous and wrong roles stop at the gateway
    assertThat(call(null, "GET", "/api/handoffs?status=DRAFT", null).status()).isEqualTo(401);
    assertThat(call(user("casey"), "POST", "/api/handoffs", handoff()).status()).isEqualTo(403);
    assertThat(call(service("eloqua-connector"), "GET", "/engine-rest/task", null).status()).isEqualTo(403);
    assertThat(call(null, "POST", "/camunda/api/admin/setup/default/user/create", Map.of()).status()).isEqualTo(404);

    // sales hands off; handoff-service starts the journey with its own service account
    JsonNode created = call(user("sam"), "POST", "/api/handoffs", handoff()).expect(201).json();
    String id = created.get("id").asText();
    call(user("sam"), "POST", "/api/handoffs/" + id + "/submit", null).expect(200);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> call(user("sam"), "GET", "/api/handoffs/" + id, null).json()
        .path("journey").path("status").asText(), "DELIVERED"::equals);

    // the CS lead sees the review, the CSM does not; after acceptance the CSM sees the kickoff, the lead does not
    assertThat(taskKeys("casey", id)).isEmpty();
    JsonNode review = tasks("lee", id).get(0);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("Task_ReviewHandoff");
    call(user("lee"), "POST", "/engine-rest/task/" + review.get("id").asText() + "/complete",
        Map.of("variables", Map.of("handoffAccepted", Map.of("value", true, "type", "Boolean")))).expect(204);
    assertThat(taskKeys("casey", id)).containsExactly("Task_HoldKickoffCall");
    assertThat(taskKeys("lee", id)).isEmpty();
    assertThat(call(user("casey"), "GET", "/api/onboardings/" + id, null).expect(200).json().get("stage").asText()).isEqualTo("KICKOFF");

    // the CVE vectors and deployments, through the gateway into the real engine
    assertThat(call(user("casey"), "POST", "/engine-rest/task",
        Map.of("orQueries", List.of(Map.of("assigneeExpression", "${currentUser()}")))).status()).isEqualTo(400);
    assertThat(call(user("casey"), "POST", "/engine-rest/deployment/create", null).status()).isEqualTo(403);

    // Tasklist through the gateway with single sign-on at Keycloak
    assertThat(tasklistInbox("casey", id)).contains("Task_HoldKickoffCall").doesNotContain("Task_ReviewHandoff");
  }

  @Test
  void shouldLetADesignerDeployThroughTheGatewayWithATokenFromModelersDeviceLogin() throws Exception {
    // Camunda Modeler: the designer starts a device login, approves it in the browser, and gets a token
    HttpClient http = HttpClient.newHttpClient();
    String endpoint = keycloak.issuer() + "/protocol/openid-connect";
    JsonNode device = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(endpoint + "/auth/device"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("client_id=camunda-modeler"))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
    io.onramp.testing.BrowserSession browser = new io.onramp.testing.BrowserSession();
    HttpResponse<String> consent = browser.signIn(device.get("verification_uri_complete").asText(), "dana", KeycloakServer.DEMO_PASSWORD);
    assertThat(consent.body()).contains("Camunda Modeler");
    HttpResponse<String> approved = browser.grant(consent);
    assertThat(approved.statusCode()).isEqualTo(200);
    JsonNode token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(endpoint + "/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
            "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=camunda-modeler&device_code="
                + device.get("device_code").asText())).build(), HttpResponse.BodyHandlers.ofString()).body());
    String designer = token.path("access_token").asText();
    assertThat(designer).as(token.toString()).isNotBlank();

    // Modeler's deploy call, through the gateway
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="Definitions_modeler" targetNamespace="https://onramp.example">
          <bpmn:process id="modeler_deployed" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="Event_Start" />
          </bpmn:process>
        </bpmn:definitions>""";
    String boundary = "modeler-boundary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nfrom Modeler\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"modeler.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    HttpResponse<String> deployed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", "Bearer " + designer).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    assertThat(deployed.body()).contains("modeler_deployed");
    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", "Bearer " + user("casey")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void shouldKeepSecretsOutOfTheServicesLogs() throws Exception {
    call(user("sam"), "GET", "/api/handoffs?status=DRAFT", null).expect(200);        // something happened with tokens
    for (String log : List.of("target/system-engine-service.log", "target/system-handoff-service.log")) {
      String text = java.nio.file.Files.readString(Path.of(log));
      for (String secret : KeycloakServer.SECRETS.values()) {
        assertThat(text).as(log).doesNotContain(secret);
      }
      assertThat(text).as(log).doesNotContain(KeycloakServer.DEMO_PASSWORD).doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}\\.");
    }
  }

  // -- helpers ---------------------------------------------------------------------------------------

  record Response(int status, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }

    Response expect(int expected) {
      assertThat(status).as(body).isEqualTo(expected);
      return this;
    }
  }

  private Response call(String token, String method, String path, Object body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  private List<JsonNode> tasks(String user, String businessKey) throws Exception {
    List<JsonNode> tasks = new ArrayList<>();
    call(user(user), "GET", "/engine-rest/task?maxResults=200&processInstanceBusinessKey=" + businessKey, null).expect(200).json().forEach(tasks::add);
    return tasks;
  }

  private List<String> taskKeys(String user, String businessKey) throws Exception {
    return tasks(user, businessKey).stream().map(t -> t.get("taskDefinitionKey").asText()).toList();
  }

  /** As a browser does it: open Tasklist through the gateway, sign in at Keycloak, read the inbox. */
  private String tasklistInbox(String user, String businessKey) throws Exception {
    String base = "http://localhost:" + port;
    keycloak.allowRedirect("engine-service", base + "/*");
    io.onramp.testing.BrowserSession browser = new io.onramp.testing.BrowserSession();
    HttpResponse<String> tasklist = browser.signIn(base + "/camunda/app/tasklist/default/", user, KeycloakServer.DEMO_PASSWORD);
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.uri().toString()).startsWith(base + "/camunda/app/tasklist/");       // back through the gateway
    HttpResponse<String> inbox = browser.get(base + "/camunda/api/engine/engine/default/task?processInstanceBusinessKey=" + businessKey);
    assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
    return inbox.body();
  }

  private static Map<String, Object> handoff() {
    Map<String, Object> h = new java.util.HashMap<>();
    h.put("account", Map.of("name", "Acme Analytics", "segment", "assisted"));
    h.put("crm", Map.of("hubspotDealId", Long.toString(System.nanoTime() % 1_000_000_000_000L)));
    h.put("products", List.of(Map.of("name", "Reports")));
    h.put("arr", 48000);
    h.put("goals", List.of(Map.of("description", "Replace spreadsheet reporting", "successCriterion", "first board report sent")));
    h.put("firstValueMilestone", "First automated board report sent");
    h.put("requirements", List.of("SSO via Okta"));
    h.put("stakeholders", List.of(Map.of("role", "EXECUTIVE_SPONSOR", "name", "Dana Reyes", "email", "dana.reyes@acme.example"),
        Map.of("role", "CHAMPION", "name", "Sam Ortiz", "email", "sam.ortiz@acme.example")));
    h.put("targetGoLiveDate", LocalDate.now().plusDays(60).toString());
    h.put("closedWonDate", LocalDate.now().minusDays(2).toString());
    return h;
  }

  private static String user(String name) {
    return keycloak.userToken(name);
  }

  private static String service(String client) {
    return keycloak.serviceToken(client);
  }

  private static String jdbc(String database) {
    return EmbeddedPostgres.database(database).replaceFirst("\\?.*$", "");
  }
}

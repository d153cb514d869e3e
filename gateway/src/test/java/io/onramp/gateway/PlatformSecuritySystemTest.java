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
 * only, as they would in production. As the chart runs them, there are two processes of each service
 * on one database: the handoff replicas reach the two engine replicas through a Service without
 * affinity ({@link RoundRobinProxy}), which can also play a slow engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformSecuritySystemTest {

  static final KeycloakServer keycloak = KeycloakServer.get();
  static final ObjectMapper JSON = new ObjectMapper();
  static final ServiceProcess engine;
  static final ServiceProcess engineReplica;           // a second engine-service on the same database
  static final ServiceProcess handoff;
  static final ServiceProcess handoffReplica;          // a second handoff-service on the same database
  static final RoundRobinProxy engines;                // the engine's Service, as the handoff replicas reach it

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
      engineReplica = ServiceProcess.start("system-engine-service-2", Path.of("../engine-service/target/engine-service.jar"),
          "ONRAMP_ENGINE_PORT", engineEnv);
      engines = new RoundRobinProxy(List.of(engine.url(), engineReplica.url()));
      handoffEnv.put("ONRAMP_ENGINE_URL", engines.url());
      handoff = ServiceProcess.start("system-handoff-service", Path.of("../handoff-service/target/handoff-service.jar"),
          "ONRAMP_HANDOFF_PORT", handoffEnv);
      handoffReplica = ServiceProcess.start("system-handoff-service-2", Path.of("../handoff-service/target/handoff-service.jar"),
          "ONRAMP_HANDOFF_PORT", handoffEnv);
      engineReplica.awaitReady(Duration.ofSeconds(180));      // the handoff replicas' first calls may reach either engine
      handoff.awaitReady(Duration.ofSeconds(120));
      handoffReplica.awaitReady(Duration.ofSeconds(120));
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
    handoffReplica.close();
    engines.close();
    engineReplica.close();
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

    // the OpenAPI documents of Onramp's APIs, for integrators, through the gateway with a token
    assertThat(call(user("sam"), "GET", "/v3/api-docs/handoff-service", null).expect(200).json().get("paths").has("/api/handoffs/{id}/submit"))
        .isTrue();
    assertThat(call(user("casey"), "GET", "/v3/api-docs/engine-service", null).expect(200).json().get("paths").has("/api/onboardings/{id}"))
        .isTrue();
    assertThat(call(null, "GET", "/v3/api-docs/engine-service", null).status()).isEqualTo(401);

    // Tasklist through the gateway with single sign-on at Keycloak
    assertThat(tasklistInbox("casey", id)).contains("Task_HoldKickoffCall").doesNotContain("Task_ReviewHandoff");
  }

  @Test
  void shouldLetADesignerDeployThroughTheGatewayWithATokenFromModelersDeviceLogin() throws Exception {
    // Camunda Modeler: the designer starts a device login, approves it in the browser, and gets a token
    String designer = modelerToken("dana");
    JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(designer.split("\\.")[1]));
    assertThat(claims.path("realm_access").path("roles")).as("only what deploying needs").extracting(JsonNode::asText)
        .containsExactly("process-designer");
    assertThat(claims.has("groups")).isFalse();
    // an administrator signing in to Modeler gets a token that can deploy nothing and administer nothing
    String admin = modelerToken("otto");
    assertThat(JSON.readTree(java.util.Base64.getUrlDecoder().decode(admin.split("\\.")[1])).path("realm_access").path("roles"))
        .isEmpty();
    assertThat(call(admin, "POST", "/api/sync/hubspot/resync", Map.of()).status()).isEqualTo(403);
    assertThat(call(admin, "GET", "/engine-rest/deployment?maxResults=5", null).status()).isEqualTo(403);

    // Modeler's deploy call, through the gateway
    HttpResponse<String> deployed = deploy(designer, "modeler_deployed", "");
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    assertThat(deployed.body()).contains("modeler_deployed");
    assertThat(deploy(user("casey"), "modeler_deployed", "").statusCode()).isEqualTo(403);
  }

  /**
   * CVE-2026-109432 and its relatives, tried as an attacker would: every operation of Camunda's own REST
   * API document that takes a query, a filter or an expression field ({@link CamundaRestSurface}), an
   * expression in each such field and inside orQueries that would leave a marker file if evaluated, under
   * both REST roots, through the gateway and straight into engine-service's port, through the webapps'
   * API with a signed-in session, with the tokens of every people role and every service account in turn,
   * and in other charsets and spellings of the path. Nothing may be evaluated; through the gateway every
   * answer is a 4xx, and so is every task query sent to engine-service directly.
   */
  @Test
  void shouldEvaluateNoExpressionByAnyDoorCamundasRestDocumentNames() throws Exception {
    Path markers = Path.of("target/cve-markers").toAbsolutePath();
    deleteTree(markers);
    java.nio.file.Files.createDirectories(markers);
    java.util.function.IntFunction<String> trace = i -> "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime')"
        + ".invoke(null).exec('touch " + markers + "/m" + i + "')}";
    String gateway = "http://localhost:" + port;

    // the control: the same expression where Camunda is meant to evaluate one (a designer's service task) leaves its marker
    HttpResponse<String> control = deploy(user("dana"), "cve_control", "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Event_Start\" "
        + "targetRef=\"Task_Control\" /><bpmn:serviceTask id=\"Task_Control\" camunda:expression=\"" + trace.apply(-1).replace("'", "&apos;")
        + "\" />");
    assertThat(control.statusCode()).as(control.body()).isEqualTo(200);
    call(user("otto"), "POST", "/engine-rest/process-definition/key/cve_control/start", Map.of()).expect(200);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> java.nio.file.Files.exists(markers.resolve("m-1")));
    java.nio.file.Files.delete(markers.resolve("m-1"));

    String filterId = call(user("otto"), "POST", "/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "All " + port,
        "query", Map.of())).expect(200).json().get("id").asText();
    CamundaRestSurface surface = new CamundaRestSurface();
    assertThat(surface.roots()).containsExactly("/engine-rest", "/engine-rest/engine/default");
    List<CamundaRestSurface.Call> calls = surface.calls(filterId, trace);
    assertThat(calls).hasSizeGreaterThan(150);
    assertThat(calls.stream().map(CamundaRestSurface.Call::path).distinct())
        .contains("/task", "/task/count", "/filter/" + filterId + "/list", "/filter/create", "/history/process-instance");

    Map<String, String> tokens = new java.util.LinkedHashMap<>();
    for (String person : List.of("sam", "lee", "casey", "ivy", "dana", "cara", "rita", "mo", "otto")) {
      tokens.put(person, user(person));
    }
    for (String client : List.of("handoff-service", "hubspot-connector", "salesforce-connector", "eloqua-connector", "prometheus")) {
      tokens.put(client, service(client));
    }
    List<String> callers = new ArrayList<>(tokens.keySet());
    List<String> wrong = new ArrayList<>();
    List<String> literal = new ArrayList<>();                // no expression field: the engine takes the text literally
    Map<String, Integer> statuses = new java.util.TreeMap<>();
    int sent = 0;
    for (int i = 0; i < calls.size(); i++) {
      CamundaRestSurface.Call c = calls.get(i);
      String caller = callers.get(i % callers.size());
      for (String root : surface.roots()) {
        int viaGateway = send(gateway + root + c.path(), c, Map.of("Authorization", "Bearer " + tokens.get(caller)));
        int direct = send(engine.url() + root + c.path(), c, Map.of("Authorization", "Bearer " + tokens.get(caller)));
        sent += 2;
        statuses.merge("gateway " + viaGateway, 1, Integer::sum);
        statuses.merge("engine " + direct, 1, Integer::sum);
        if (viaGateway < 400 || viaGateway >= 500) {
          wrong.add("gateway " + root + " " + c + " as " + caller + " -> " + viaGateway);
        }
        if (c.taskQuery() && (direct < 400 || direct >= 500)) {
          wrong.add("engine-service " + root + " " + c + " as " + caller + " -> " + direct);
        } else if (direct < 400 || direct >= 500) {
          literal.add(root + " " + c + " as " + caller + " -> " + direct);
        }
      }
    }

    // the webapps' own engine API with a signed-in session, through the gateway and on engine-service's port
    for (String base : List.of(gateway, engine.url())) {
      keycloak.allowRedirect("engine-service", base + "/*");
      io.onramp.testing.BrowserSession browser = new io.onramp.testing.BrowserSession();
      assertThat(browser.signIn(base + "/camunda/app/tasklist/default/", "casey", KeycloakServer.DEMO_PASSWORD).statusCode()).isEqualTo(200);
      Map<String, String> session = browser.sessionHeaders(base + "/camunda/");
      for (CamundaRestSurface.Call c : calls) {
        if (!c.taskQuery() && !c.path().startsWith("/filter/")) {
          continue;
        }
        int status = send(base + "/camunda/api/engine/engine/default" + c.path(), c, session);
        sent++;
        statuses.merge("webapps " + status, 1, Integer::sum);
        if (status < 400 || status >= 500) {
          wrong.add("webapps API at " + base + " " + c + " -> " + status);
        }
      }
    }

    // other charsets and other spellings of the path
    String orQuery = "{\"nameLike\":\"Caf\u00e9%\",\"orQueries\":[{\"assigneeExpression\":\"" + trace.apply(100_000) + "\"}]}";
    record Variant(String path, String type, byte[] body) {}
    List<Variant> variants = List.of(
        new Variant("/task/count", "application/json; charset=ISO-8859-1", orQuery.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
        new Variant("/task/count", "application/json", orQuery.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
        new Variant("/task/count", "application/json; charset=UTF-16", orQuery.getBytes(java.nio.charset.StandardCharsets.UTF_16)),
        new Variant("/task/count", "application/json", orQuery.getBytes(java.nio.charset.StandardCharsets.UTF_16)),
        new Variant("/filter/" + filterId + "/list?maxResults=5", "application/json; charset=ISO-8859-1",
            orQuery.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
        new Variant("/task/count/", "application/json", orQuery.getBytes()),
        new Variant("//task/count", "application/json", orQuery.getBytes()),
        new Variant("/TASK/count", "application/json", orQuery.getBytes()),
        new Variant("/%74ask/count", "application/json", orQuery.getBytes()),
        new Variant("/task;x=1/count", "application/json", orQuery.getBytes()),
        new Variant("/task/./count", "application/json", orQuery.getBytes()));
    for (Variant v : variants) {
      for (String root : surface.roots()) {
        for (String base : List.of(gateway, engine.url())) {
          HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + root + v.path()))
              .header("Authorization", "Bearer " + tokens.get("otto")).header("Content-Type", v.type())
              .POST(HttpRequest.BodyPublishers.ofByteArray(v.body())).build(), HttpResponse.BodyHandlers.ofString());
          sent++;
          statuses.merge("variant " + response.statusCode(), 1, Integer::sum);
          if (response.statusCode() < 400 || response.statusCode() >= 500) {
            wrong.add("variant " + base + root + v.path() + " " + v.type() + " -> " + response.statusCode() + " " + response.body());
          }
        }
      }
    }

    System.out.printf("CVE doors: %d calls derived from Camunda's OpenAPI document, %d requests sent; answers %s%n",
        calls.size(), sent, statuses);
    System.out.println("CVE doors: straight to engine-service, not refused (no expression field there, nothing evaluated): " + literal);
    assertThat(wrong).as("doors that did not refuse").isEmpty();
    Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> {
      try (var files = java.nio.file.Files.list(markers)) {
        return files.findAny().isEmpty();
      }
    });
  }

  /** Camunda Modeler's device login: start it, approve it in a browser as {@code user}, collect the access token. */
  private static String modelerToken(String user) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String endpoint = keycloak.issuer() + "/protocol/openid-connect";
    JsonNode device = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(endpoint + "/auth/device"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("client_id=camunda-modeler"))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
    io.onramp.testing.BrowserSession browser = new io.onramp.testing.BrowserSession();
    HttpResponse<String> consent = browser.signIn(device.get("verification_uri_complete").asText(), user, KeycloakServer.DEMO_PASSWORD);
    assertThat(consent.body()).contains("Camunda Modeler");
    assertThat(browser.grant(consent).statusCode()).isEqualTo(200);
    JsonNode token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(endpoint + "/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
            "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=camunda-modeler&device_code="
                + device.get("device_code").asText())).build(), HttpResponse.BodyHandlers.ofString()).body());
    String access = token.path("access_token").asText();
    assertThat(access).as(token.toString()).isNotBlank();
    return access;
  }

  private static int send(String url, CamundaRestSurface.Call c, Map<String, String> headers) throws Exception {
    String target = url;
    if (c.query() != null) {
      String name = c.query().substring(0, c.query().indexOf('='));
      String value = c.query().substring(c.query().indexOf('=') + 1);
      target += "?" + name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
      if (c.taskQuery() && !c.path().endsWith("/count")) {
        target += "&maxResults=5";
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
        .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body().toString()));
    if (c.body() != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Modeler's deploy call through the gateway: a process whose start event is followed by {@code elements} (BPMN, may be empty). */
  private HttpResponse<String> deploy(String token, String key, String elements) throws Exception {
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="Definitions_%1$s" targetNamespace="https://onramp.example">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="Event_Start" />
            %2$s
          </bpmn:process>
        </bpmn:definitions>""".formatted(key, elements);
    String boundary = "modeler-boundary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nfrom Modeler\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + key + ".bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void deleteTree(Path folder) throws java.io.IOException {
    if (java.nio.file.Files.exists(folder)) {
      try (var files = java.nio.file.Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * Two engine-service replicas behind a Service without affinity: every request — the Keycloak sign-in
   * round trip included — goes to the other replica than the one before. The CSM signs in to Tasklist,
   * reads the inbox and completes the kickoff with Camunda's CSRF token, as if there were one replica.
   */
  @Test
  void shouldKeepACsmSignedInToTasklistWhileEveryRequestGoesToTheOtherEngineReplica() throws Exception {
    String handoff = startedJourneyAtKickoff();

    try (RoundRobinProxy service = new RoundRobinProxy(List.of(engine.url(), engineReplica.url()))) {
      keycloak.allowRedirect("engine-service", service.url() + "/*");
      io.onramp.testing.BrowserSession browser = new io.onramp.testing.BrowserSession();
      HttpResponse<String> tasklist = browser.signIn(service.url() + "/camunda/app/tasklist/default/", "casey", KeycloakServer.DEMO_PASSWORD);
      assertThat(tasklist.statusCode()).isEqualTo(200);
      assertThat(tasklist.uri().toString()).startsWith(service.url() + "/camunda/app/tasklist/");
      for (int i = 0; i < 4; i++) {                               // signed in on both replicas
        assertThat(browser.get(service.url() + "/camunda/api/admin/auth/user/default").body()).contains("\"userId\":\"casey\"");
      }
      HttpResponse<String> inbox = browser.get(service.url() + "/camunda/api/engine/engine/default/task?maxResults=50&processInstanceBusinessKey="
          + handoff);
      assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
      String kickoff = JSON.readTree(inbox.body()).get(0).get("id").asText();
      assertThat(JSON.readTree(inbox.body()).get(0).get("taskDefinitionKey").asText()).isEqualTo("Task_HoldKickoffCall");
      Map<String, String> session = new java.util.HashMap<>(browser.sessionHeaders(service.url() + "/camunda/"));
      session.put("Content-Type", "application/json");
      HttpResponse<String> claimed = browser.post(service.url() + "/camunda/api/engine/engine/default/task/" + kickoff + "/claim",
          "{\"userId\":\"casey\"}", session);
      assertThat(claimed.statusCode()).as("Camunda's CSRF token of the session, checked by the other replica: " + claimed.body())
          .isEqualTo(204);
      HttpResponse<String> completed = browser.post(service.url() + "/camunda/api/engine/engine/default/task/" + kickoff + "/complete",
          "{\"variables\":{\"kickoffHeldOn\":{\"value\":\"" + LocalDate.now() + "\"},\"kickoffNotes\":{\"value\":\"Plan agreed\"}}}", session);
      assertThat(completed.statusCode()).as(completed.body()).isIn(200, 204);
      assertThat(taskKeys("casey", handoff)).doesNotContain("Task_HoldKickoffCall");
      assertThat(service.answered()).as("requests each replica answered").allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(4));
      System.out.println("replicas: requests answered by engine 1 / engine 2: " + service.answered());
    }
  }

  @Test
  void shouldLetACsmWorkATaskInTasklistInARealBrowserWhileRequestsAlternateBetweenTheEngineReplicas() throws Exception {
    String handoff = startedJourneyAtKickoff();
    JsonNode task = tasks("casey", handoff).get(0);
    String kickoff = task.get("id").asText();

    try (RoundRobinProxy service = new RoundRobinProxy(List.of(engine.url(), engineReplica.url()))) {
      keycloak.allowRedirect("engine-service", service.url() + "/*");
      JsonNode seen = JSON.readTree(io.onramp.testing.HeadlessBrowser.run("tasklist-task.mjs", List.of(
          service.url() + "/camunda/app/tasklist/default/", kickoff, "casey", KeycloakServer.DEMO_PASSWORD,
          Path.of("target/tasklist-replicas.png").toAbsolutePath().toString(),
          "Kickoff held on=" + LocalDate.now().format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy")),
          "Kickoff notes=Agreed the plan with Dana; SSO owner: Lee"), 180));

      assertThat(seen.get("taskName").asText()).isEqualTo("Hold kickoff call");
      assertThat(seen.get("errors")).as("script errors in Tasklist").isEmpty();
      assertThat(seen.get("failedRequests")).as("no request refused on the other replica").isEmpty();
      assertThat(taskKeys("casey", handoff)).as("the kickoff is done, the journey moved on").doesNotContain("Task_HoldKickoffCall");
      JsonNode variables = call(user("otto"), "GET", "/engine-rest/history/variable-instance?maxResults=50&variableName=kickoffNotes"
          + "&processInstanceIdIn=" + task.get("processInstanceId").asText(), null).expect(200).json();
      assertThat(variables.get(0).get("value").asText()).as("what the CSM typed").isEqualTo("Agreed the plan with Dana; SSO owner: Lee");
      assertThat(seen.get("signedInAs").asText()).isEqualTo("casey");
      assertThat(service.answered()).as("requests each replica answered").allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(10));
      System.out.println("Tasklist in Chromium: requests answered by engine 1 / engine 2: " + service.answered());
    }
  }

  /** A journey started as handoff-service starts it, its review accepted: the CSM's kickoff is open. */
  private String startedJourneyAtKickoff() throws Exception {
    String handoff = "H-replicas-" + java.util.UUID.randomUUID();
    Map<String, Object> variables = Map.of("handoffId", Map.of("value", handoff, "type", "String"),
        "accountName", Map.of("value", "Acme", "type", "String"), "segment", Map.of("value", "assisted", "type", "String"),
        "arr", Map.of("value", 40_000.0, "type", "Double"), "productCount", Map.of("value", 1, "type", "Integer"));
    HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(engine.url() + "/engine-rest/message"))
        .header("Authorization", "Bearer " + service("handoff-service")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("messageName", "HandoffSubmitted", "businessKey", handoff,
            "processVariables", variables)))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(204);
    JsonNode review = tasks("lee", handoff).get(0);
    call(user("lee"), "POST", "/engine-rest/task/" + review.get("id").asText() + "/complete",
        Map.of("variables", Map.of("handoffAccepted", Map.of("value", true, "type", "Boolean")))).expect(204);
    return handoff;
  }

  @Test
  void shouldStartExactlyOneJourneyWhenTheEngineAnswersSlowerThanTheHandoffReplicasWait() throws Exception {
    JsonNode created = call(user("sam"), "POST", "/api/handoffs", handoff()).expect(201).json();
    String id = created.get("id").asText();
    // the engine starts the journey but answers after handoff-service's 10 s read timeout: the replica gives up, tries again
    engines.slowDown("/engine-rest/message", Duration.ofSeconds(12), 1);

    call(user("sam"), "POST", "/api/handoffs/" + id + "/submit", null).expect(200);

    JsonNode journey = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> call(user("sam"), "GET", "/api/handoffs/" + id, null).json().path("journey"),
            j -> "DELIVERED".equals(j.path("status").asText()));
    JsonNode started = call(user("otto"), "GET", "/engine-rest/history/process-instance?maxResults=10&processInstanceBusinessKey="
        + id, null).expect(200).json();
    assertThat(started).as("journeys for the handoff").hasSize(1);
    assertThat(journey.path("processInstanceId").asText()).isEqualTo(started.get(0).get("id").asText());
    assertThat(journey.path("attempts").asInt()).as("the late answer was retried").isGreaterThanOrEqualTo(1);
    System.out.println("slow engine: delivered after " + journey.path("attempts").asInt() + " attempts; engine answers "
        + engines.answered());
  }

  @Test
  void shouldChangeNothingForALateAcknowledgementAfterTheLeaseMovedOn() throws Exception {
    JsonNode created = call(user("sam"), "POST", "/api/handoffs", handoff()).expect(201).json();
    String id = created.get("id").asText();
    call(user("sam"), "POST", "/api/handoffs/" + id + "/submit", null).expect(200);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> call(user("sam"), "GET", "/api/handoffs/" + id, null).json()
        .path("journey").path("status").asText(), "DELIVERED"::equals);
    String connector = service("hubspot-connector");

    // replica A claims the journey's HubSpot work with a one-second lease and stalls; replica B claims it after the lease ran out
    JsonNode slow = item(sync(engine, connector, "claim", Map.of("workerId", "hubspot-a", "maxItems", 200, "leaseSeconds", 1)), id);
    JsonNode taken = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(
        () -> item(sync(engineReplica, connector, "claim", Map.of("workerId", "hubspot-b", "maxItems", 200, "leaseSeconds", 120)), id),
        java.util.Objects::nonNull);
    assertThat(taken.get("id").asLong()).isEqualTo(slow.get("id").asLong());

    HttpResponse<String> late = syncCall(engine, connector, "ack", Map.of("items", List.of(Map.of("id", slow.get("id").asLong(),
        "lease", slow.get("lease").asText(), "version", slow.get("version").asLong(), "outcome", "FAILED",
        "message", "HubSpot said no (a late answer)"))));
    assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
    JsonNode result = JSON.readTree(late.body()).get(0);
    assertThat(result.get("status").asText()).isEqualTo("STALE");
    assertThat(result.get("heldBy").asText()).isEqualTo("hubspot-b");
    JsonNode hubspot = java.util.stream.StreamSupport.stream(call(user("casey"), "GET", "/api/onboardings/" + id, null).expect(200).json()
        .get("sync").spliterator(), false).filter(s -> s.get("crm").asText().equals("HUBSPOT")).findFirst().orElseThrow();
    assertThat(hubspot.get("state").asText()).as("no failure, no incident from the late answer").isEqualTo("PENDING");
    assertThat(hubspot.get("failures")).isEmpty();

    HttpResponse<String> current = syncCall(engineReplica, connector, "ack", Map.of("items", List.of(Map.of("id", taken.get("id").asLong(),
        "lease", taken.get("lease").asText(), "version", taken.get("version").asLong(), "outcome", "RELEASE"))));
    assertThat(current.statusCode()).as("the holder's own answer still counts: " + current.body()).isEqualTo(200);
  }

  private static JsonNode item(JsonNode claimed, String handoffId) {
    for (JsonNode item : claimed) {
      if (item.get("kind").asText().equals("ONBOARDING") && handoffId.equals(item.path("onboarding").path("businessKey").asText())) {
        return item;
      }
    }
    return null;
  }

  private static JsonNode sync(ServiceProcess replica, String token, String call, Object body) throws Exception {
    HttpResponse<String> response = syncCall(replica, token, call, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The sync API as a connector replica calls it, straight to an engine replica (connectors are inside the cluster). */
  private static HttpResponse<String> syncCall(ServiceProcess replica, String token, String call, Object body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(replica.url() + "/api/sync/hubspot/" + call))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
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
    HttpResponse<String> inbox = browser.get(base + "/camunda/api/engine/engine/default/task?maxResults=50&processInstanceBusinessKey=" + businessKey);
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

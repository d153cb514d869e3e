package io.onramp.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import io.onramp.testing.KeycloakServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of stub services, with a real Keycloak issuing the tokens: who may call what,
 * tokens that must not pass, the Camunda CVE vectors, limits and the fallback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewaySecurityIntegrationTest {

  static final KeycloakServer keycloak = KeycloakServer.get();
  static final Map<String, WireMockServer> services = Map.of(
      "engine", server(), "handoff", server(), "hubspot", server(), "salesforce", server());
  static final Map<String, String> tokens = new ConcurrentHashMap<>();

  @Autowired
  WebTestClient web;

  @org.springframework.boot.test.web.server.LocalServerPort
  int port;

  @DynamicPropertySource
  static void wiring(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak::issuer);
    registry.add("onramp.gateway.engine-url", services.get("engine")::baseUrl);
    registry.add("onramp.gateway.handoff-url", services.get("handoff")::baseUrl);
    registry.add("onramp.gateway.hubspot-url", services.get("hubspot")::baseUrl);
    registry.add("onramp.gateway.salesforce-url", services.get("salesforce")::baseUrl);
    registry.add("onramp.gateway.clock-skew", () -> "0s");
    registry.add("onramp.gateway.webhooks-per-minute", () -> "5");
    registry.add("onramp.gateway.trusted-proxies", () -> "127.0.0.1/32");          // the tests' client plays the ingress
  }

  @BeforeEach
  void answer() {
    services.forEach((name, server) -> {
      server.resetAll();
      server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
          .withBody("{\"answeredBy\":\"" + name + "\"}")));
    });
    services.get("engine").stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/onboardings/broken"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
        // caller, method, path, expected status
        Arguments.of("anonymous", "GET", "/api/handoffs", 401),
        Arguments.of("anonymous", "POST", "/api/handoffs", 401),
        Arguments.of("anonymous", "GET", "/api/onboardings/pi-1", 401),
        Arguments.of("anonymous", "GET", "/api/insights/time-to-value", 401),
        Arguments.of("anonymous", "POST", "/engine-rest/deployment/create", 401),
        Arguments.of("anonymous", "GET", "/engine-rest/task", 401),
        Arguments.of("anonymous", "POST", "/api/sync/hubspot/claim", 401),
        Arguments.of("anonymous", "GET", "/actuator/health", 200),
        Arguments.of("anonymous", "POST", "/webhooks/hubspot", 200),
        Arguments.of("anonymous", "GET", "/webhooks/hubspot", 401),
        Arguments.of("anonymous", "GET", "/oauth2/authorization/keycloak", 200),      // the sign-in round trip reaches engine-service
        Arguments.of("anonymous", "GET", "/insights/", 200),                          // the page signs browsers in at engine-service
        Arguments.of("anonymous", "GET", "/handoffs/", 200),                          // the handoff page signs browsers in at handoff-service
        Arguments.of("anonymous", "POST", "/handoffs/api/handoffs", 200),             // …and checks the session and its CSRF token there
        Arguments.of("anonymous", "GET", "/actuator/env", 401),
        Arguments.of("sam", "POST", "/api/handoffs", 200),
        Arguments.of("sam", "PUT", "/api/handoffs/h-1", 200),
        Arguments.of("sam", "GET", "/api/handoffs/h-1", 200),
        Arguments.of("sam", "GET", "/api/onboardings/pi-1", 403),
        Arguments.of("sam", "GET", "/api/insights/time-to-value", 403),
        Arguments.of("sam", "POST", "/engine-rest/deployment/create", 403),
        Arguments.of("casey", "GET", "/api/onboardings/pi-1", 200),
        Arguments.of("casey", "GET", "/api/handoffs/h-1", 200),
        Arguments.of("casey", "PUT", "/api/handoffs/h-1", 403),
        Arguments.of("casey", "GET", "/api/insights/time-to-value", 403),
        Arguments.of("casey", "GET", "/engine-rest/task", 200),
        Arguments.of("casey", "POST", "/engine-rest/deployment/create", 403),
        Arguments.of("casey", "POST", "/api/sync/hubspot/claim", 403),
        Arguments.of("lee", "GET", "/api/insights/time-to-value", 200),
        Arguments.of("lee", "POST", "/engine-rest/deployment/create", 403),
        Arguments.of("rita", "GET", "/api/insights/time-to-value", 200),
        Arguments.of("rita", "POST", "/api/insights/surveys", 200),
        Arguments.of("casey", "POST", "/api/insights/surveys", 403),
        Arguments.of("anonymous", "POST", "/api/insights/outcomes", 401),
        Arguments.of("dana", "POST", "/engine-rest/deployment/create", 200),
        Arguments.of("dana", "GET", "/api/onboardings/pi-1", 403),
        Arguments.of("dana", "POST", "/api/journeys/migrations", 200),
        Arguments.of("casey", "POST", "/api/journeys/migrations", 403),
        Arguments.of("anonymous", "GET", "/api/journeys/migrations/b-1", 401),
        Arguments.of("otto", "POST", "/api/sync/hubspot/resync", 200),
        Arguments.of("casey", "POST", "/api/sync/hubspot/resync", 403),
        Arguments.of("service:hubspot-connector", "POST", "/api/sync/hubspot/resync", 403),
        Arguments.of("otto", "GET", "/engine-rest/deployment", 200),
        Arguments.of("service:product-usage", "POST", "/api/usage/events", 200),
        Arguments.of("service:product-usage", "GET", "/api/onboardings/pi-1", 403),
        Arguments.of("service:product-usage", "GET", "/engine-rest/task", 403),
        Arguments.of("casey", "POST", "/api/usage/events", 403),
        Arguments.of("anonymous", "POST", "/api/usage/events", 401),
        Arguments.of("service:hubspot-connector", "POST", "/api/handoffs", 200),
        Arguments.of("service:hubspot-connector", "POST", "/engine-rest/deployment/create", 403),
        Arguments.of("service:hubspot-connector", "GET", "/engine-rest/task", 403),
        Arguments.of("service:hubspot-connector", "GET", "/api/onboardings/pi-1", 403),
        Arguments.of("service:eloqua-connector", "POST", "/api/handoffs", 403),
        Arguments.of("service:handoff-service", "POST", "/engine-rest/deployment/create", 403),
        Arguments.of("anonymous", "GET", "/v3/api-docs/engine-service", 401),
        Arguments.of("casey", "GET", "/v3/api-docs/engine-service", 200),
        Arguments.of("sam", "GET", "/v3/api-docs/handoff-service", 200),
        Arguments.of("service:hubspot-connector", "GET", "/v3/api-docs/handoff-service", 403),
        Arguments.of("casey", "GET", "/v3/api-docs/other", 403));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @MethodSource("matrix")
  void shouldLetEachCallerDoExactlyWhatTheirRoleAllows(String caller, String method, String path, int expected) {
    WebTestClient.RequestBodySpec request = web.method(HttpMethod.valueOf(method)).uri(path);
    if (!caller.equals("anonymous")) {
      request.header("Authorization", "Bearer " + token(caller));
    }
    if (!method.equals("GET")) {
      request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
    }
    request.exchange().expectStatus().isEqualTo(expected);
  }

  @Test
  void shouldRefuseTokensNotMeantForOnrampOrExpiredOrForged() {
    get("/api/onboardings/pi-1", keycloak.userToken("casey", "onramp-tests-no-audience")).expectStatus().isUnauthorized()
        .expectHeader().value("WWW-Authenticate", h -> assertThat(h).contains("onramp-api"));
    String valid = token("casey");
    String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
    get("/api/onboardings/pi-1", forged).expectStatus().isUnauthorized();
    services.get("engine").verify(0, anyRequestedFor(urlPathEqualTo("/api/onboardings/pi-1")));

    String shortLived = keycloak.userToken("casey", "onramp-tests-short-lived");       // expires 1 s after it was issued
    Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        get("/api/onboardings/pi-1", shortLived).expectStatus().isUnauthorized()
            .expectHeader().value("WWW-Authenticate", h -> assertThat(h).contains("expired")));
  }

  @Test
  void shouldKeepTheAdminSetupEndpointOutOfReachForEveryone() {
    web.post().uri("/camunda/api/admin/setup/default/user/create").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x\"}}").exchange().expectStatus().isNotFound();
    web.post().uri("/camunda/api/admin/setup/default/user/create").header("Authorization", "Bearer " + token("otto"))
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isNotFound();
    web.get().uri("/camunda/app/admin/default/setup/").exchange().expectStatus().isNotFound();
    services.get("engine").verify(0, anyRequestedFor(urlPathMatching(".*/setup.*")));
  }

  @Test
  void shouldRefuseTaskQueriesWithExpressionsInOrQueriesAndPassHonestOnesUntouched() {
    String injected = "{\"orQueries\":[{\"assigneeExpression\":\"${execution.getProcessEngineServices()}\"}]}";
    String honest = "{\"orQueries\":[{\"assignee\":\"casey\",\"candidateGroups\":[\"csm\"]}],\"sorting\":[{\"sortBy\":\"created\"}]}";

    web.post().uri("/engine-rest/task").header("Authorization", "Bearer " + token("casey")).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(injected).exchange().expectStatus().isBadRequest()
        .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("orQueries"));
    web.post().uri("/engine-rest/filter/create").header("Authorization", "Bearer " + token("casey"))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{\"orQueries\":[{\"nameLike\":\"#{1+1}\"}]}}")
        .exchange().expectStatus().isBadRequest();
    web.post().uri("/camunda/api/engine/engine/default/task/count").contentType(MediaType.APPLICATION_JSON).bodyValue(injected)
        .exchange().expectStatus().isBadRequest();
    services.get("engine").verify(0, anyRequestedFor(anyUrl()));

    web.post().uri("/engine-rest/task").header("Authorization", "Bearer " + token("casey")).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(honest).exchange().expectStatus().isOk();
    services.get("engine").verify(postRequestedFor(urlPathEqualTo("/engine-rest/task")).withRequestBody(equalToJson(honest)));
  }

  @Test
  void shouldNotRouteTheNamedEngineRootNorPasswordChecksHoweverThePathIsSpelled() {
    List<String> paths = List.of("/engine-rest/engine/default/task", "/engine-rest/engine/default/task/count",
        "/engine-rest/engine/default/filter/f-1/list", "/engine-rest//engine/default/task", "/engine-rest/%65ngine/default/task",
        "/engine-rest/engine;x=1/default/task", "/engine-rest/./engine/default/task", "/engine-rest/task/../engine/default/task",
        "/engine-rest/ENGINE/default/task", "/engine-rest/%2565ngine/default/task", "/engine-rest/identity/verify",
        "/engine-rest/identity//verify", "/engine-rest/identity/verify/", "/engine-rest/identity/%76erify");
    String evil = "{\"orQueries\":[{\"assigneeExpression\":\"${''.getClass()}\"}]}";
    for (String path : paths) {
      for (String caller : List.of("anonymous", "sam", "otto")) {
        var request = web.post().uri(java.net.URI.create("http://localhost:" + port + path)).contentType(MediaType.APPLICATION_JSON);
        if (!caller.equals("anonymous")) {
          request = request.header("Authorization", "Bearer " + token(caller));
        }
        int status = request.bodyValue(evil).exchange().returnResult(String.class).getStatus().value();
        assertThat(status).as(caller + " POST " + path).isIn(400, 404);
      }
    }
    services.get("engine").verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void shouldRefuseAQueryBodyItCannotReadInsteadOfWavingItThrough() throws Exception {
    String query = "{\"nameLike\":\"Caf\u00e9\",\"orQueries\":[{\"assigneeExpression\":\"${''.getClass()}\"}]}";
    String honest = "{\"nameLike\":\"Caf\u00e9\",\"orQueries\":[{\"assignee\":\"casey\"}]}";
    List<String> doors = List.of("/engine-rest/task", "/engine-rest/task/count", "/engine-rest/filter/f-1/list",
        "/camunda/api/engine/engine/default/task/count");
    record Body(String type, byte[] bytes) {}
    List<Body> unreadable = List.of(
        new Body("application/json; charset=ISO-8859-1", honest.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
        new Body("application/json", honest.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),      // é as one Latin-1 byte
        new Body("application/json; charset=UTF-16", honest.getBytes(java.nio.charset.StandardCharsets.UTF_16)),
        new Body("application/json", honest.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)),
        new Body("application/json", "{\"nameLike\":".getBytes()),
        new Body("application/json", "{\"assignee\":\"casey\",\"assignee\":\"lee\"}".getBytes()),
        new Body("text/plain", query.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        new Body("application/json", query.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        new Body("application/json", "{\"orQueries\":[{\"ownerExpression\":\"\\u0024{1+1}\"}]}".getBytes()));
    for (String door : doors) {
      for (Body body : unreadable) {
        int status = web.post().uri(door).header("Authorization", "Bearer " + token("casey")).header("Content-Type", body.type())
            .bodyValue(body.bytes()).exchange().returnResult(String.class).getStatus().value();
        assertThat(status).as(door + " " + body.type() + " " + new String(body.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
            .isEqualTo(400);
      }
    }
    for (String type : List.of("application/json; charset=nonsense", "application/json; charset=", "application/json; charset=\"x")) {
      java.net.http.HttpResponse<String> odd = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://localhost:" + port + "/engine-rest/task/count")).header("Authorization", "Bearer " + token("casey"))
          .header("Content-Type", type).POST(java.net.http.HttpRequest.BodyPublishers.ofString(honest)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(odd.statusCode()).as(type).isEqualTo(400);
    }
    services.get("engine").verify(0, anyRequestedFor(anyUrl()));

    web.post().uri("/engine-rest/filter/create").header("Authorization", "Bearer " + token("otto")).contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"resourceType\":\"Task\",\"name\":\"My tasks\",\"query\":{\"assigneeExpression\":\"${currentUser()}\"}}")
        .exchange().expectStatus().isOk();                                    // Tasklist's own expression passes
    web.post().uri("/engine-rest/task/t-1/attachment/create").header("Authorization", "Bearer " + token("casey"))
        .contentType(MediaType.MULTIPART_FORM_DATA).bodyValue(new org.springframework.util.LinkedMultiValueMap<>(Map.of("attachment-name",
            List.of("notes ${not-a-query}")))).exchange().expectStatus().isOk();  // uploads carry no query
  }

  @Test
  void shouldStopAChunkedQueryBodyAtTheLimitWhileItStreams() throws Exception {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://localhost:" + port + "/engine-rest/task/count"))
        .header("Authorization", "Bearer " + token("casey")).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
            new java.io.ByteArrayInputStream("{\"nameLike\":\"".getBytes()), new java.io.ByteArrayInputStream(new byte[3_000_000]))))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    services.get("engine").verify(0, anyRequestedFor(anyUrl()));
  }

  /**
   * Before: the query guard ran ahead of authentication and joined any body whole — one anonymous 12 MB
   * body cost the gateway hundreds of MB. Now the body of an anonymous call is never read, and the
   * webapps' public path reads at most the 1 MB limit. Measured as bytes allocated on the gateway's own
   * threads (its server's and client's event loops, Reactor's schedulers), so the test's client, in the
   * same JVM, does not count: 273 MB before the fix, 19 MB after.
   */
  @Test
  void shouldSurviveTwentyAnonymousTwelveMegabyteBodiesInARow() throws Exception {
    byte[] body = new byte[12 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long heapBefore = usedHeapAfterGc();
    long allocatedBefore = gatewayThreadsAllocated();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String path = i % 2 == 0 ? "/engine-rest/task" : "/camunda/api/engine/engine/default/task";
      try {
        statuses.add(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
      } catch (java.io.IOException closedEarly) {
        statuses.add(-1);                                     // the gateway answered and closed before the client finished sending
      }
    }
    long allocated = gatewayThreadsAllocated() - allocatedBefore;
    long heapAfter = usedHeapAfterGc();
    System.out.printf("gateway heap test: 20 anonymous 12 MB bodies -> %s; allocated on the gateway's threads %.1f MB "
            + "(%.2f MB a request; the bodies were 240 MB); heap after GC %.1f MB -> %.1f MB (growth %.1f MB)%n", statuses,
        allocated / 1e6, allocated / 20e6, heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1e6);
    assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(-1, 401, 413));
    assertThat(allocated).as("bytes the gateway allocated for 240 MB of anonymous bodies").isLessThan(60_000_000L);
    web.get().uri("/actuator/health").exchange().expectStatus().isOk();
    get("/api/onboardings/pi-1", token("casey")).expectStatus().isOk();
    services.get("engine").verify(0, postRequestedFor(urlPathMatching(".*/task")));
  }

  private static long gatewayThreadsAllocated() {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    java.util.Set<String> counted = new java.util.TreeSet<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadName().startsWith("webflux-http-") || info.getThreadName().startsWith("reactor-")
          || info.getThreadName().startsWith("parallel-")
          || info.getThreadName().startsWith("boundedElastic-"))) {
        total += Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId()));
        counted.add(info.getThreadName().replaceAll("-\\d+$", ""));
      }
    }
    assertThat(counted).as("the gateway's request threads").isNotEmpty();
    return total;
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void shouldAnswerAPlainProblemWhenAServiceIsDownAndRefuseOversizedBodies() {
    get("/api/onboardings/broken", token("casey")).expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "30")
        .expectBody().jsonPath("$.service").isEqualTo("engine-service").jsonPath("$.detail").value(d ->
            assertThat(d.toString()).contains("not answering"));

    web.post().uri("/api/handoffs").header("Authorization", "Bearer " + token("sam")).contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"notes\":\"" + "x".repeat(2_000_000) + "\"}").exchange().expectStatus().isEqualTo(413);
    services.get("handoff").verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void shouldSlowDownAWebhookFloodFromOneSender() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      statuses.add(web.post().uri("/webhooks/salesforce").contentType(MediaType.TEXT_XML).bodyValue("<x/>").exchange()
          .returnResult(String.class).getStatus().value());
    }
    assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThanOrEqualTo(5);
    assertThat(statuses).contains(429);
    web.post().uri("/webhooks/salesforce").contentType(MediaType.TEXT_XML).bodyValue("<x/>").exchange()
        .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
  }

  @Test
  void shouldKeepAFloodFromOneSenderBehindTheIngressFromSpendingHubSpotsBudget() {
    List<Integer> flood = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      flood.add(web.post().uri("/webhooks/hubspot").header("X-Forwarded-For", "203.0.113.9").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("[]").exchange().returnResult(String.class).getStatus().value());
    }
    assertThat(flood).contains(429);
    web.post().uri("/webhooks/hubspot").header("X-Forwarded-For", "54.174.53.218").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("[]").exchange().expectStatus().isOk();                       // HubSpot's own delivery still goes through
  }

  private WebTestClient.ResponseSpec get(String path, String token) {
    return web.get().uri(path).header("Authorization", "Bearer " + token).exchange();
  }

  private static String token(String caller) {
    return tokens.computeIfAbsent(caller, c -> c.startsWith("service:") ? keycloak.serviceToken(c.substring(8)) : keycloak.userToken(c));
  }

  private static WireMockServer server() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return server;
  }
}

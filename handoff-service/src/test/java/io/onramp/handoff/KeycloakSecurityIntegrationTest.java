package io.onramp.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import io.onramp.testing.EmbeddedPostgres;
import io.onramp.testing.KeycloakServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * handoff-service with Keycloak: tokens only, roles per route, the token's user in the audit trail,
 * and its own service account's token on the calls that start journeys. Its own database and engine
 * stub: the Basic-mode contexts of the other tests stay alive (context cache) and would deliver its outbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class KeycloakSecurityIntegrationTest {

  static final KeycloakServer keycloak = KeycloakServer.get();
  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static {
    engine.start();
  }

  @LocalServerPort
  int port;

  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + status + "): " + body);
      }
    }

    Response expect(int expected) {
      if (status != expected) throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
      return this;
    }
  }

  @BeforeEach
  void engineStartsJourneys() {
    engine.resetAll();
    EngineStubs.startsJourneys(engine);
  }

  @DynamicPropertySource
  static void keycloak(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "handoff_keycloak");
    registry.add("onramp.engine.url", engine::baseUrl);
    registry.add("onramp.keycloak.url", () -> keycloak.url().toString());
    registry.add("onramp.keycloak.client-secret", () -> KeycloakServer.SECRETS.get("handoff-service"));
  }

  @Test
  void shouldLetSalesWriteConnectorsDraftAndCustomerSuccessRead() {
    Map<String, Object> handoff = Handoffs.complete(Handoffs.dealId());
    assertThat(as(null, "POST", "/api/handoffs", handoff).status()).isEqualTo(401);
    assertThat(as("Basic c2FsZXM6dGVzdC1vbmx5LXBhc3N3b3Jk", "POST", "/api/handoffs", handoff).status()).as("no Basic").isEqualTo(401);
    assertThat(as(user("casey"), "POST", "/api/handoffs", handoff).status()).isEqualTo(403);

    Response created = as(user("sam"), "POST", "/api/handoffs", handoff).expect(201);
    String id = created.json().get("id").asText();
    assertThat(as(user("casey"), "GET", "/api/handoffs/" + id, null).status()).isEqualTo(200);
    assertThat(as(user("lee"), "GET", "/api/handoffs/" + id, null).status()).isEqualTo(200);
    assertThat(as(user("dana"), "GET", "/api/handoffs/" + id, null).status()).isEqualTo(403);
    assertThat(as(user("casey"), "POST", "/api/handoffs/" + id + "/submit", null).status()).isEqualTo(403);

    Response drafted = as("Bearer " + keycloak.serviceToken("hubspot-connector"), "POST", "/api/handoffs",
        Handoffs.draftFromCrm(Handoffs.dealId())).expect(201);
    assertThat(as("Bearer " + keycloak.serviceToken("hubspot-connector"), "POST",
        "/api/handoffs/" + drafted.json().get("id").asText() + "/submit", null).status()).isEqualTo(403);
    assertThat(as("Bearer " + keycloak.serviceToken("eloqua-connector"), "POST", "/api/handoffs",
        Handoffs.draftFromCrm(Handoffs.dealId())).status()).isEqualTo(403);
    // the record of handled closed-won events: the drafting connectors' accounts only
    String event = "/api/crm-events/hubspot/" + System.nanoTime();
    assertThat(as(user("sam"), "PUT", event, Map.of()).status()).isEqualTo(403);
    assertThat(as("Bearer " + keycloak.serviceToken("eloqua-connector"), "GET", event, null).status()).isEqualTo(403);
    assertThat(as("Bearer " + keycloak.serviceToken("hubspot-connector"), "PUT", event,
        Map.of("handoffId", drafted.json().get("id").asText())).status()).isEqualTo(201);
    assertThat(as("Bearer " + keycloak.serviceToken("salesforce-connector"), "GET", event, null).status()).isEqualTo(200);
    String prometheus = "Bearer " + keycloak.serviceToken("prometheus");      // metrics-reader: the metrics and nothing else
    assertThat(as(prometheus, "GET", "/actuator/metrics", null).status()).isEqualTo(200);
    assertThat(as(prometheus, "GET", "/api/handoffs/" + id, null).status()).isEqualTo(403);
    assertThat(as(user("casey"), "GET", "/actuator/metrics", null).status()).isEqualTo(403);

    as(user("sam"), "POST", "/api/handoffs/" + id + "/submit", null).expect(200);
    JsonNode history = as(user("lee"), "GET", "/api/handoffs/" + id + "/history", null).expect(200).json();
    assertThat(history.get(0).get("actor").asText()).isEqualTo("sam");
    assertThat(history.get(1).get("actor").asText()).isEqualTo("sam");

    // the journey starts with handoff-service's own token, not the caller's
    await().atMost(Duration.ofSeconds(20)).until(() -> as(user("sam"), "GET", "/api/handoffs/" + id, null).json()
        .get("journey").get("status").asText(), "DELIVERED"::equals);
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/message")).withHeader("Authorization", matching("Bearer .+")));
  }

  @Test
  void shouldLetOnlyConnectorsDraftForTheDealOwnerAndListEachRepsOwn() {
    Map<String, Object> draft = Handoffs.draftFromCrm(Handoffs.dealId());
    assertThat(as(user("sam"), "POST", "/api/handoffs?owner=casey", draft).status()).as("a rep names no other owner").isEqualTo(403);
    String id = as("Bearer " + keycloak.serviceToken("hubspot-connector"), "POST", "/api/handoffs?owner=sam", draft).expect(201)
        .json().get("id").asText();
    assertThat(as(user("sam"), "GET", "/api/handoffs/" + id, null).json().get("owner").asText()).isEqualTo("sam");
    assertThat(as(user("sam"), "GET", "/api/handoffs?owner=sam&limit=500", null).expect(200).json().findValues("id"))
        .extracting(JsonNode::asText).contains(id);
    assertThat(as(user("sam"), "GET", "/api/handoffs?owner=nobody-" + System.nanoTime(), null).expect(200).json()).isEmpty();
    assertThat(as("Bearer " + keycloak.serviceToken("hubspot-connector"), "POST", "/api/handoffs?owner=bad%20name",
        Handoffs.draftFromCrm(Handoffs.dealId())).expect(400).json().get("errors").get(0).get("field").asText()).contains("owner");
  }

  @Test
  void shouldSignSalesRepsInToTheHandoffPageWithKeycloakAndGuardItsChangesWithTheSessionsCsrfToken() throws Exception {
    String page = "http://localhost:" + port + "/handoffs/";
    assertThat(as(null, "GET", "/handoffs/api/me", null).status()).as("the page's API: a session or nothing").isEqualTo(401);
    assertThat(as(user("sam"), "GET", "/handoffs/api/me", null).status()).as("not with a bearer token").isEqualTo(401);
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/handoffs/oauth2/authorization/keycloak");

    keycloak.allowRedirect("handoff-service", page + "*");
    io.onramp.testing.BrowserSession sam = new io.onramp.testing.BrowserSession();
    HttpResponse<String> signedIn = sam.signIn(page, "sam", KeycloakServer.DEMO_PASSWORD);
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.body()).contains("<title>Onramp · Handoffs</title>");
    assertThat(sam.cookie(page, "ONRAMP_HANDOFF_SESSION")).isNotBlank();
    String csrf = sam.cookie(page, "HANDOFF-XSRF-TOKEN");
    assertThat(csrf).as("the page's CSRF token cookie").isNotBlank();
    JsonNode me = JSON.readTree(sam.get(page + "api/me").body());
    assertThat(me.get("username").asText()).isEqualTo("sam");
    assertThat(me.get("roles").toString()).contains("\"sales\"");

    Map<String, String> json = Map.of("Content-Type", "application/json");
    String draft = JSON.writeValueAsString(Handoffs.draftFromCrm(Handoffs.dealId()));
    assertThat(sam.post(page + "api/handoffs", draft, json).statusCode()).as("no CSRF token: refused").isEqualTo(403);
    HttpResponse<String> created = sam.post(page + "api/handoffs", draft, Map.of("Content-Type", "application/json", "X-XSRF-TOKEN", csrf));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).get("owner").asText()).isEqualTo("sam");
    // the live meter: what the handoff would score, validated as a save is, nothing stored
    HttpResponse<String> meter = sam.post(page + "api/handoffs/completeness", JSON.writeValueAsString(Handoffs.complete(Handoffs.dealId())),
        Map.of("Content-Type", "application/json", "X-XSRF-TOKEN", csrf));
    assertThat(JSON.readTree(meter.body()).at("/completeness/score").asInt()).isEqualTo(100);
    HttpResponse<String> bad = sam.post(page + "api/handoffs/completeness",
        "{\"account\":{\"name\":\"Acme\",\"domain\":\"not a domain\"},\"goals\":[{\"description\":\"\"}]}",
        Map.of("Content-Type", "application/json", "X-XSRF-TOKEN", csrf));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("account.domain", "goals[0].description");

    io.onramp.testing.BrowserSession casey = new io.onramp.testing.BrowserSession();
    casey.signIn(page, "casey", KeycloakServer.DEMO_PASSWORD);
    assertThat(casey.post(page + "api/handoffs", draft, Map.of("Content-Type", "application/json", "X-XSRF-TOKEN",
        casey.cookie(page, "HANDOFF-XSRF-TOKEN"))).statusCode()).as("a CSM reads, does not write").isEqualTo(403);
    io.onramp.testing.BrowserSession dana = new io.onramp.testing.BrowserSession();
    assertThat(dana.signIn(page, "dana", KeycloakServer.DEMO_PASSWORD).statusCode()).as("a designer has no handoff page").isEqualTo(403);
  }

  private Response as(String authorization, String method, String path, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String user(String name) {
    return "Bearer " + keycloak.userToken(name);
  }
}

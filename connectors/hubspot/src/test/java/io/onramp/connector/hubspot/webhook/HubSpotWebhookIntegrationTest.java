package io.onramp.connector.hubspot.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.connector.testing.HandoffServiceStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A signed closed-won webhook becomes one handoff draft, pre-filled from HubSpot; nothing else gets through. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HubSpotWebhookIntegrationTest {

  static final WireMockServer hubspot = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final WireMockServer handoffService = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

  /** engine-service, for the shared request budget only. */
  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    engine.start();
    io.onramp.connector.testing.EngineBudgetStub.grantAll(engine, "hubspot");
    hubspot.start();
    handoffService.start();
  }

  @LocalServerPort
  int port;
  @Autowired
  MeterRegistry metrics;

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("onramp.hubspot.base-url", hubspot::baseUrl);
    registry.add("onramp.connector.engine-url", engine::baseUrl);
    registry.add("onramp.connector.handoff.url", handoffService::baseUrl);
    registry.add("onramp.connector.handoff.page-url", () -> "https://onramp.acme.example/handoffs/");
    registry.add("onramp.hubspot.owner-ids.sam", () -> "75000001");
  }

  @BeforeEach
  void stubs() {
    hubspot.resetAll();
    handoffService.resetAll();
    hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals/9001")).willReturn(okJson("""
        {"id":"9001","properties":{"amount":"48000","closedate":"2026-11-20T15:00:00.000Z","dealname":"Acme - Reports",
          "dealstage":"closedwon","hs_object_id":"9001","hubspot_owner_id":"75000001"},
         "associations":{"companies":{"results":[{"id":"501","type":"deal_to_company"}]},
                         "contacts":{"results":[{"id":"601","type":"deal_to_contact"},{"id":"602","type":"deal_to_contact"}]},
                         "line_items":{"results":[{"id":"701","type":"deal_to_line_item"},{"id":"702","type":"deal_to_line_item"}]}},
         "createdAt":"2026-10-01T09:00:00.000Z","updatedAt":"2026-11-20T15:00:00.000Z","archived":false}""")));
    hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/companies/501")).willReturn(okJson("""
        {"id":"501","properties":{"name":"Acme Analytics","domain":"acme.example","hs_object_id":"501"},
         "createdAt":"2026-01-01T09:00:00.000Z","updatedAt":"2026-11-20T15:00:00.000Z","archived":false}""")));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/line_items/batch/read")).willReturn(okJson("""
        {"status":"COMPLETE","results":[
          {"id":"701","properties":{"name":"Reports","hs_object_id":"701"},"archived":false},
          {"id":"702","properties":{"name":"Connectors","hs_object_id":"702"},"archived":false}],
         "startedAt":"2026-11-23T01:00:00Z","completedAt":"2026-11-23T01:00:00Z"}""")));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/read")).willReturn(okJson("""
        {"status":"COMPLETE","results":[
          {"id":"601","properties":{"firstname":"Dana","lastname":"Reyes","email":"dana@acme.example"},"archived":false},
          {"id":"602","properties":{"firstname":"Sam","lastname":"Ortiz","email":"sam@acme.example"},"archived":false}],
         "startedAt":"2026-11-23T01:00:00Z","completedAt":"2026-11-23T01:00:00Z"}""")));
    handoffService.stubFor(post(urlPathEqualTo("/api/handoffs")).willReturn(okJson("{\"id\":\"H-1\",\"status\":\"DRAFT\"}").withStatus(201)));
    HandoffServiceStub.recordsEvents(handoffService);
    // the owner's task and the deal's link, answered as HubSpot does (batch answers, v4 associations 201)
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/tasks/batch/upsert")).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"8801","new":true,"properties":{"onboarding_task_key":"handoff-H-1",
          "hs_object_id":"8801"},"createdAt":"2026-11-23T01:00:00Z","updatedAt":"2026-11-23T01:00:00Z","archived":false}],
         "startedAt":"2026-11-23T01:00:00Z","completedAt":"2026-11-23T01:00:00Z"}""")));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v4/associations/tasks/deals/batch/create")).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"fromObjectTypeId":"0-27","fromObjectId":8801,"toObjectTypeId":"0-3","toObjectId":9001,
          "labels":[]}],"startedAt":"2026-11-23T01:00:00Z","completedAt":"2026-11-23T01:00:00Z"}""").withStatus(201)));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"9001","properties":{"onboarding_handoff_url":"https://onramp.acme.example/handoffs/?handoff=H-1"},
          "createdAt":"2026-10-01T09:00:00Z","updatedAt":"2026-11-23T01:00:00Z","archived":false}],
         "startedAt":"2026-11-23T01:00:00Z","completedAt":"2026-11-23T01:00:00Z"}""")));
  }

  @Test
  void shouldTurnASignedClosedWonEventIntoOneHandoffDraftPreFilledFromHubSpot() throws Exception {
    String events = closedWon(7001, "closedwon");
    HandoffServiceStub.remembers(handoffService, "hubspot", "7001");

    assertThat(send(events, true).statusCode()).isEqualTo(200);
    assertThat(send(events, true).statusCode()).isEqualTo(200);       // HubSpot delivers at least once

    // the redelivery is recognised by handoff-service's record (shared by every replica): HubSpot is not read again
    hubspot.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/9001")));
    handoffService.verify(1, putRequestedFor(urlPathEqualTo("/api/crm-events/hubspot/7001"))
        .withRequestBody(matchingJsonPath("$.handoffId", equalTo("H-1"))));

    handoffService.verify(1, postRequestedFor(urlPathEqualTo("/api/handoffs"))
        .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString("hubspot-connector:test-only".getBytes())))
        .withRequestBody(matchingJsonPath("$.account.name", equalTo("Acme Analytics")))
        .withRequestBody(matchingJsonPath("$.account.domain", equalTo("acme.example")))
        .withRequestBody(matchingJsonPath("$.crm.hubspotDealId", equalTo("9001")))
        .withRequestBody(matchingJsonPath("$.crm.hubspotCompanyId", equalTo("501")))
        .withRequestBody(matchingJsonPath("$.arr", equalTo("48000")))
        .withRequestBody(matchingJsonPath("$.closedWonDate", equalTo("2026-11-20")))
        .withQueryParam("owner", equalTo("sam"))                      // the deal owner's Onramp user: "my handoffs"
        .withRequestBody(matchingJsonPath("$.products[0].name", equalTo("Reports")))       // the deal's line items
        .withRequestBody(matchingJsonPath("$.products[1].name", equalTo("Connectors")))
        .withRequestBody(matchingJsonPath("$.stakeholders[0].name", equalTo("Dana Reyes")))
        .withRequestBody(matchingJsonPath("$.stakeholders[0].email", equalTo("dana@acme.example")))
        .withRequestBody(matchingJsonPath("$.stakeholders[0].role", equalTo("END_USER")))
        .withRequestBody(matchingJsonPath("$.stakeholders[1].email", equalTo("sam@acme.example"))));

    // the deal owner is told where the draft is: their task on the deal, once, and the link on the deal
    String link = "https://onramp.acme.example/handoffs/?handoff=H-1";
    hubspot.verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/tasks/batch/upsert"))
        .withRequestBody(matchingJsonPath("$.inputs[0].idProperty", equalTo("onboarding_task_key")))
        .withRequestBody(matchingJsonPath("$.inputs[0].id", equalTo("handoff-H-1")))
        .withRequestBody(matchingJsonPath("$.inputs[0].properties.hubspot_owner_id", equalTo("75000001")))
        .withRequestBody(matchingJsonPath("$.inputs[0].properties.hs_task_status", equalTo("NOT_STARTED")))
        .withRequestBody(matchingJsonPath("$.inputs[0].properties.hs_task_body", containing(link))));
    hubspot.verify(1, postRequestedFor(urlPathEqualTo("/crm/v4/associations/tasks/deals/batch/create"))
        .withRequestBody(matchingJsonPath("$.inputs[0].from.id", equalTo("8801")))
        .withRequestBody(matchingJsonPath("$.inputs[0].to.id", equalTo("9001")))
        .withRequestBody(matchingJsonPath("$.inputs[0].types[0].associationTypeId", equalTo("216"))));
    hubspot.verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update"))
        .withRequestBody(matchingJsonPath("$.inputs[0].id", equalTo("9001")))
        .withRequestBody(matchingJsonPath("$.inputs[0].properties.onboarding_handoff_url", equalTo(link))));
    assertThat(metrics.counter("onramp.webhook.duplicates", "crm", "hubspot").count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void shouldKeepACrmsStrayControlCharacterOutOfTheDraftInsteadOfLosingTheDraft() throws Exception {
    hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/companies/501")).willReturn(okJson("""
        {"id":"501","properties":{"name":"Acme\\u0007 Analytics\\u0000","domain":"acme.example","hs_object_id":"501"},
         "createdAt":"2026-01-01T09:00:00.000Z","updatedAt":"2026-11-20T15:00:00.000Z","archived":false}""")));

    assertThat(send(closedWon(7010, "closedwon"), true).statusCode()).isEqualTo(200);

    // the handoff API refuses control characters (docs/security.md): the draft carries a replacement character instead
    handoffService.verify(1, postRequestedFor(urlPathEqualTo("/api/handoffs"))
        .withRequestBody(matchingJsonPath("$.account.name", equalTo("Acme\ufffd Analytics\ufffd"))));
  }

  @Test
  void shouldRefuseABadSignatureWith401AndDoNothing() throws Exception {
    double before = metrics.counter("onramp.webhook.rejected", "crm", "hubspot", "reason", "mismatch").count();

    HttpResponse<String> response = send(closedWon(7002, "closedwon"), false);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(hubspot.getAllServeEvents()).isEmpty();
    assertThat(handoffService.getAllServeEvents()).isEmpty();
    assertThat(metrics.counter("onramp.webhook.rejected", "crm", "hubspot", "reason", "mismatch").count()).isEqualTo(before + 1);
  }

  @Test
  void shouldAnswerOnlyWebhooksAndHealthWithoutAuthenticationAndMetricsToOperations() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/metrics")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/metrics/onramp.webhook.rejected"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:test-only".getBytes())).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isIn(200, 404);
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/anything")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isIn(401, 403);
  }

  @Test
  void shouldIgnoreOtherStagesAndDealsThatAreNoLongerClosedWon() throws Exception {
    assertThat(send(closedWon(7003, "appointmentscheduled"), true).statusCode()).isEqualTo(200);
    hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals/9001")).willReturn(okJson(
        "{\"id\":\"9001\",\"properties\":{\"dealstage\":\"closedlost\"},\"archived\":false}")));
    assertThat(send(closedWon(7004, "closedwon"), true).statusCode()).isEqualTo(200);   // the event is stale

    handoffService.verify(0, postRequestedFor(urlPathEqualTo("/api/handoffs")));
    handoffService.verify(0, putRequestedFor(urlPathEqualTo("/api/crm-events/hubspot/7003")));   // nothing to remember
    handoffService.verify(1, putRequestedFor(urlPathEqualTo("/api/crm-events/hubspot/7004"))  // handled: no draft
        .withRequestBody(matchingJsonPath("$.handoffId", absent())));
  }

  @Test
  void shouldAskHubSpotToDeliverAgainWhenTheHandoffCannotBeCreated() throws Exception {
    handoffService.stubFor(post(urlPathEqualTo("/api/handoffs")).willReturn(okJson("{}").withStatus(503)));
    assertThat(send(closedWon(7005, "closedwon"), true).statusCode()).isEqualTo(500);
    handoffService.verify(0, putRequestedFor(urlPathEqualTo("/api/crm-events/hubspot/7005")));     // not handled: not recorded

    handoffService.stubFor(post(urlPathEqualTo("/api/handoffs")).willReturn(okJson("{\"id\":\"H-1\"}").withStatus(201)));
    assertThat(send(closedWon(7005, "closedwon"), true).statusCode()).isEqualTo(200);   // the retry is handled
    handoffService.verify(2, postRequestedFor(urlPathEqualTo("/api/handoffs")));
    handoffService.verify(1, putRequestedFor(urlPathEqualTo("/api/crm-events/hubspot/7005")));
  }

  @Test
  void shouldAskHubSpotToDeliverAgainWhileHandoffServiceCannotSayWhetherTheEventWasHandled() throws Exception {
    handoffService.stubFor(get(urlPathEqualTo("/api/crm-events/hubspot/7006")).willReturn(okJson("{}").withStatus(503)));

    assertThat(send(closedWon(7006, "closedwon"), true).statusCode()).isEqualTo(500);

    hubspot.verify(0, getRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/9001")));
    handoffService.verify(0, postRequestedFor(urlPathEqualTo("/api/handoffs")));
  }

  @Test
  void shouldPassProductUsageOnACompanyPropertyOnToTheEngineAndAskForRedeliveryWhenItCannotTakeIt() throws Exception {
    engine.stubFor(post(urlPathEqualTo("/api/usage/events")).willReturn(okJson("{\"accepted\":2}")));
    long now = System.currentTimeMillis();
    String events = """
        [{"eventId":8101,"subscriptionId":2292,"portalId":62515,"appId":54321,"occurredAt":%1$d,
          "subscriptionType":"company.propertyChange","attemptNumber":0,"objectId":501,"propertyName":"onramp_active_users",
          "propertyValue":"12","changeSource":"INTEGRATION"},
         {"eventId":8102,"subscriptionId":2292,"portalId":62515,"appId":54321,"occurredAt":%1$d,
          "subscriptionType":"company.propertyChange","attemptNumber":0,"objectId":501,"propertyName":"onramp_last_login",
          "propertyValue":"1764583200000","changeSource":"INTEGRATION"},
         {"eventId":8103,"subscriptionId":2292,"portalId":62515,"appId":54321,"occurredAt":%1$d,
          "subscriptionType":"company.propertyChange","attemptNumber":0,"objectId":501,"propertyName":"phone",
          "propertyValue":"555-0100","changeSource":"CRM"}]""".formatted(now);

    assertThat(send(events, true).statusCode()).isEqualTo(200);

    engine.verify(1, postRequestedFor(urlPathEqualTo("/api/usage/events"))
        .withRequestBody(matchingJsonPath("$.events.length()", equalTo("2")))
        .withRequestBody(matchingJsonPath("$.events[0].eventId", equalTo("hubspot-8101")))
        .withRequestBody(matchingJsonPath("$.events[0].hubspotCompanyId", equalTo("501")))
        .withRequestBody(matchingJsonPath("$.events[0].kind", equalTo("ACTIVE_USERS")))
        .withRequestBody(matchingJsonPath("$.events[0].value", equalTo("12")))
        .withRequestBody(matchingJsonPath("$.events[1].kind", equalTo("LOGIN")))
        .withRequestBody(matchingJsonPath("$.events[1].occurredAt", containing("2025-12-01T10:00:00"))));

    engine.stubFor(post(urlPathEqualTo("/api/usage/events")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable()));
    assertThat(send(events, true).statusCode()).as("HubSpot delivers again; the engine keeps each event id once").isEqualTo(500);
  }

  private static String closedWon(long eventId, String stage) {
    return """
        [{"eventId":%d,"subscriptionId":2291,"portalId":62515,"appId":54321,"occurredAt":%d,
          "subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":9001,"propertyName":"dealstage",
          "propertyValue":"%s","changeSource":"CRM","sourceId":"userId:1"}]""".formatted(eventId, System.currentTimeMillis(), stage);
  }

  /** Signs as HubSpot does (v3) — with the real secret or, for {@code valid=false}, another one. */
  private HttpResponse<String> send(String body, boolean valid) throws Exception {
    String uri = "http://localhost:" + port + "/webhooks/hubspot";
    String timestamp = Long.toString(System.currentTimeMillis());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec((valid ? SECRET : "not-the-secret").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = Base64.getEncoder().encodeToString(mac.doFinal(("POST" + uri + body + timestamp).getBytes(StandardCharsets.UTF_8)));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
        .header("X-HubSpot-Signature-v3", signature).header("X-HubSpot-Request-Timestamp", timestamp)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

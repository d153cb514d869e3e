package io.onramp.connector.hubspot;

import io.onramp.connector.testing.SyncItems;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.onramp.connector.sync.SyncLoop;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HubSpot connector between a stubbed engine sync API and a HubSpot stub that answers as HubSpot does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
class HubSpotSyncIntegrationTest {

  static final FakeHubSpotTasks tasks = new FakeHubSpotTasks();
  static final RefusingHubSpotDeals deals = new RefusingHubSpotDeals();
  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final WireMockServer hubspot = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(tasks, deals));
  static final ObjectMapper JSON = new ObjectMapper();

  static {
    engine.start();
    hubspot.start();
  }

  @Autowired
  SyncLoop loop;

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("onramp.connector.engine-url", engine::baseUrl);
    registry.add("onramp.hubspot.base-url", hubspot::baseUrl);
  }

  @BeforeEach
  void reset() {
    engine.resetAll();
    hubspot.resetAll();
    tasks.taskIdByKey.clear();
    deals.refused.clear();
    deals.batches.clear();
    engine.stubFor(post(urlPathMatching("/api/sync/hubspot/ack")).willReturn(okJson("[]")));
    io.onramp.connector.testing.EngineBudgetStub.grantAll(engine, "hubspot");
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/tasks/batch/upsert")).willReturn(aResponse().withTransformers(tasks.getName())));
    hubspot.stubFor(post(urlPathMatching("/crm/v4/associations/tasks/.*/batch/create")).willReturn(okJson(
        "{\"status\":\"COMPLETE\",\"results\":[],\"startedAt\":\"2026-11-23T01:00:00Z\",\"completedAt\":\"2026-11-23T01:00:00Z\"}")));
  }

  @Test
  void shouldPushStagesToDealsInBatchesOf100AndAcknowledgeTheWholeBatchInOneCall() throws Exception {
    claimReturns(SyncItems.HUBSPOT.onboardings(150));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(HubSpotStubs.batchOk()));

    assertThat(loop.runOnce(Duration.ZERO)).isEqualTo(150);

    hubspot.verify(2, postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update"))
        .withHeader("Authorization", equalTo("Bearer test-token-not-a-secret")));
    JsonNode first = JSON.readTree(hubspot.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update"))).get(0).getBodyAsString());
    assertThat(first.get("inputs")).hasSize(100);
    assertThat(first.get("inputs").get(0).get("id").asText()).isEqualTo("7001");
    assertThat(first.get("inputs").get(0).get("properties").get("onboarding_stage").asText()).isEqualTo("KICKOFF");
    assertThat(first.get("inputs").get(0).get("properties").get("onboarding_health").asText()).isEqualTo("ON_TRACK");
    assertThat(first.get("inputs").get(0).get("properties").get("onboarding_url").asText()).contains("/cockpit/");
    JsonNode ack = onlyAck();
    assertThat(ack.get("items")).hasSize(150).allMatch(i -> i.get("outcome").asText().equals("DONE"));
  }

  @Test
  void shouldAnswerWithTheLeaseOfTheClaimAndCarryOnWhenAnotherReplicaHoldsItNow() throws Exception {
    claimReturns(SyncItems.HUBSPOT.onboardings(2));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(HubSpotStubs.batchOk()));
    engine.stubFor(post(urlPathMatching("/api/sync/hubspot/ack")).willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json").withBody("[{\"id\":1,\"status\":\"DONE\"},{\"id\":2,\"status\":\"STALE\","
            + "\"current\":\"PENDING\",\"heldBy\":\"hubspot@replica-2\",\"leaseUntil\":\"2026-11-23T01:04:00Z\"}]")));

    assertThat(loop.runOnce(Duration.ZERO)).isEqualTo(2);                    // a 409 is no lost answer: nothing to ask back

    assertThat(onlyAck().get("items")).allMatch(i -> i.get("lease").asText().equals("3f2b6c1e-lease"));
    claimReturns("[]");
    loop.runOnce(Duration.ZERO);
    var claims = engine.findAll(postRequestedFor(urlPathEqualTo("/api/sync/hubspot/claim")));
    assertThat(JSON.readTree(claims.get(claims.size() - 1).getBodyAsString()).get("reclaim").asBoolean()).isFalse();
  }

  @Test
  void shouldFailOnlyTheIdsHubSpotRejectedInA207AndNameTheProperty() throws Exception {
    claimReturns(SyncItems.HUBSPOT.onboardings(3));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(HubSpotStubs.multiStatus("7002",
        "VALIDATION_ERROR", "Property values were not valid: [{\\\"isValid\\\":false,\\\"message\\\":\\\"KICKOFF was not one of the allowed options\\\",\\\"name\\\":\\\"onboarding_stage\\\"}]")));

    loop.runOnce(Duration.ZERO);

    JsonNode ack = onlyAck();
    assertThat(outcome(ack, 1)).isEqualTo("DONE");
    assertThat(outcome(ack, 2)).isEqualTo("FAILED");
    assertThat(message(ack, 2)).contains("VALIDATION_ERROR").contains("onboarding_stage").contains("KICKOFF was not one of the allowed options");
    assertThat(outcome(ack, 3)).isEqualTo("DONE");
  }

  @Test
  void shouldFailOnlyTheDealHubSpotNamesWhenItRefusesTheWholeBatchAndWriteTheOthersAtOnce() throws Exception {
    claimReturns(SyncItems.HUBSPOT.onboardings(100));
    refuseDeal("7042", true);

    loop.runOnce(Duration.ZERO);

    JsonNode ack = onlyAck();
    assertThat(outcome(ack, 42)).isEqualTo("FAILED");
    assertThat(message(ack, 42)).contains("400 VALIDATION_ERROR").contains("onboarding_stage");
    assertThat(ack.get("items")).filteredOn(i -> i.get("id").asLong() != 42).hasSize(99)
        .allMatch(i -> i.get("outcome").asText().equals("DONE"));
    assertThat(deals.batches).as("the refused batch, then the 99 others at once").hasSize(2);
    assertThat(deals.batches.get(1)).hasSize(99).doesNotContain("7042");
  }

  @Test
  void shouldCornerABadDealHubSpotDoesNotNameInLogarithmicallyManyCalls() throws Exception {
    claimReturns(SyncItems.HUBSPOT.onboardings(100));
    refuseDeal("7042", false);

    loop.runOnce(Duration.ZERO);

    JsonNode ack = onlyAck();
    assertThat(outcome(ack, 42)).isEqualTo("FAILED");
    assertThat(message(ack, 42)).contains("NOT_A_STAGE was not one of the allowed options");
    assertThat(ack.get("items")).filteredOn(i -> i.get("outcome").asText().equals("DONE")).hasSize(99);
    int log2 = 32 - Integer.numberOfLeadingZeros(100 - 1);                     // ⌈log₂ 100⌉ = 7
    assertThat(deals.batches.size()).as("calls for one bad deal among 100: %s", deals.batches.size()).isLessThanOrEqualTo(1 + 2 * log2);
    System.out.println("one unnamed bad deal among 100 cost " + deals.batches.size() + " calls (bound " + (1 + 2 * log2) + ")");
  }

  @Test
  void shouldNeverPutTwoOnboardingsOfOneDealInOneBatch() throws Exception {
    claimReturns(SyncItems.HUBSPOT.onboardings(3).replace("\"hubspotDealId\":\"7003\"", "\"hubspotDealId\":\"7001\""));
    refuseDeal("none", true);                                                  // answers as HubSpot, refusing duplicate ids

    loop.runOnce(Duration.ZERO);

    assertThat(onlyAck().get("items")).hasSize(3).allMatch(i -> i.get("outcome").asText().equals("DONE"));
    assertThat(deals.batches).allMatch(batch -> batch.size() == new java.util.HashSet<>(batch).size());
    assertThat(deals.batches).hasSize(2);
  }

  @Test
  void shouldWriteEveryPassedStageToTheDealInOrderBeforeItsCurrentState() throws Exception {
    claimReturns("[" + SyncItems.HUBSPOT.passing(1, "ADOPTION", "GO_LIVE:7", "FIRST_VALUE:8") + "," + SyncItems.HUBSPOT.passing(2, "TRAINING") + ","
        + SyncItems.HUBSPOT.passing(3, "ADOPTION", "FIRST_VALUE:8") + "]");
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(HubSpotStubs.batchOk()));

    loop.runOnce(Duration.ZERO);

    List<JsonNode> calls = dealUpdates();
    assertThat(calls).hasSize(3);
    assertThat(stages(calls.get(0))).containsExactly("7001=GO_LIVE", "7003=FIRST_VALUE");
    assertThat(calls.get(0).get("inputs").get(0).get("properties")).hasSize(1);         // the stage only, not health or TTV
    assertThat(stages(calls.get(1))).containsExactly("7001=FIRST_VALUE");
    assertThat(stages(calls.get(2))).containsExactly("7001=ADOPTION", "7002=TRAINING", "7003=ADOPTION");
    assertThat(calls.get(2).get("inputs").get(0).get("properties").get("onboarding_health").asText()).isEqualTo("ON_TRACK");
    JsonNode ack = onlyAck();
    assertThat(ack.get("items")).hasSize(3).allMatch(i -> i.get("outcome").asText().equals("DONE") && !i.has("writtenThrough"));
  }

  @Test
  void shouldTellTheEngineHowFarThePassedStagesGotWhenHubSpotStopsInBetween() throws Exception {
    claimReturns("[" + SyncItems.HUBSPOT.passing(1, "ADOPTION", "GO_LIVE:7", "FIRST_VALUE:8") + "," + SyncItems.HUBSPOT.passing(2, "TRAINING") + "]");
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).inScenario("outage")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(HubSpotStubs.batchOk()).willSetStateTo("down"));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).inScenario("outage")
        .whenScenarioStateIs("down").willReturn(HubSpotStubs.error(503, "SERVICE_UNAVAILABLE", "HubSpot is down")).willSetStateTo("up"));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).inScenario("outage")
        .whenScenarioStateIs("up").willReturn(HubSpotStubs.batchOk()));

    loop.runOnce(Duration.ZERO);

    List<JsonNode> calls = dealUpdates();
    assertThat(stages(calls.get(0))).containsExactly("7001=GO_LIVE");
    assertThat(stages(calls.get(calls.size() - 1))).as("the current state goes only for the item that got through")
        .containsExactly("7002=TRAINING");
    JsonNode ack = onlyAck();
    assertThat(outcome(ack, 1)).isEqualTo("RETRY");
    assertThat(item(ack, 1).get("writtenThrough").asLong()).as("GO_LIVE (version 7) is on the deal").isEqualTo(7);
    assertThat(outcome(ack, 2)).isEqualTo("DONE");
  }

  @Test
  void shouldWaitAsHubSpotSaysOnARollingWindow429AndThenWrite() throws Exception {
    claimReturns(SyncItems.HUBSPOT.onboardings(2));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).inScenario("limit")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(HubSpotStubs.tooManyRequests("TEN_SECONDLY_ROLLING", 300)).willSetStateTo("ok"));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).inScenario("limit")
        .whenScenarioStateIs("ok").willReturn(HubSpotStubs.batchOk()));

    loop.runOnce(Duration.ZERO);

    hubspot.verify(2, postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update")));
    assertThat(onlyAck().get("items")).allMatch(i -> i.get("outcome").asText().equals("DONE"));
  }

  @Test
  @org.springframework.test.annotation.DirtiesContext     // the request budget stays spent for the day
  void shouldHandTheWorkBackUntilTheAccountsDayRenewsOnADaily429() throws Exception {
    claimReturns(SyncItems.HUBSPOT.onboardings(2));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(HubSpotStubs.tooManyRequests("DAILY", 86_400_000)));

    loop.runOnce(Duration.ZERO);

    JsonNode ack = onlyAck();
    assertThat(outcome(ack, 1)).isEqualTo("RETRY");
    assertThat(ack.get("items").get(0).get("message").asText()).contains("RATE_LIMITS");
    hubspot.verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update")));
    // the next round sends nothing to HubSpot until the day renews
    engine.resetRequests();
    loop.runOnce(Duration.ZERO);
    JsonNode next = onlyAck();
    assertThat(next.get("items").get(0).get("retryAt").asText())
        .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    hubspot.verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update")));
  }

  @Test
  void shouldRetryLaterWhenHubSpotIsOverloadedAndRaiseAnIncidentWhenTheTokenIsRefused() throws Exception {
    claimReturns(SyncItems.HUBSPOT.onboardings(1));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(HubSpotStubs.error(502, "", "Bad Gateway")));
    loop.runOnce(Duration.ZERO);
    assertThat(outcome(onlyAck(), 1)).isEqualTo("RETRY");

    engine.resetRequests();
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(HubSpotStubs.error(401, "INVALID_AUTHENTICATION",
        "Authentication credentials not found. This API supports OAuth 2.0 authentication")));
    loop.runOnce(Duration.ZERO);
    JsonNode ack = onlyAck();
    assertThat(outcome(ack, 1)).isEqualTo("FAILED");
    assertThat(message(ack, 1)).contains("401").contains("Authentication credentials not found");
  }

  @Test
  void shouldMirrorTasksByUpsertOnTheTaskKeyAndAssociateThemWithDealAndCompany() throws Exception {
    claimReturns(SyncItems.HUBSPOT.tasks("OPEN", "onramp-task-a", "onramp-task-b"));

    loop.runOnce(Duration.ZERO);

    JsonNode upsert = JSON.readTree(hubspot.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/tasks/batch/upsert"))).get(0).getBodyAsString());
    JsonNode input = upsert.get("inputs").get(0);
    assertThat(input.get("idProperty").asText()).isEqualTo("onboarding_task_key");
    assertThat(input.get("id").asText()).isEqualTo("onramp-task-a");
    assertThat(input.get("properties").get("hs_task_status").asText()).isEqualTo("NOT_STARTED");
    assertThat(input.get("properties").get("hs_task_subject").asText()).isEqualTo("Hold kickoff call — Acme 1");
    assertThat(input.get("properties").get("hs_task_body").asText()).contains("Open in Tasklist: http://localhost:8081/camunda/app/tasklist");
    assertThat(input.get("properties").get("hs_timestamp").asText()).isEqualTo("2026-11-30T09:00:00Z");
    hubspot.verify(1, postRequestedFor(urlPathEqualTo("/crm/v4/associations/tasks/deals/batch/create"))
        .withRequestBody(matchingJsonPath("$.inputs[0].types[0].associationTypeId", equalTo("216")))
        .withRequestBody(matchingJsonPath("$.inputs[0].to.id", equalTo("7001"))));
    hubspot.verify(1, postRequestedFor(urlPathEqualTo("/crm/v4/associations/tasks/companies/batch/create"))
        .withRequestBody(matchingJsonPath("$.inputs[0].types[0].associationTypeId", equalTo("192"))));
    assertThat(tasks.taskIdByKey).hasSize(2);
    assertThat(onlyAck().get("items")).allMatch(i -> i.get("outcome").asText().equals("DONE"));
  }

  @Test
  void shouldCreateNoDuplicateWhenTheWorkerDiesBetweenTheHubSpotWriteAndTheAcknowledgement() throws Exception {
    claimReturns(SyncItems.HUBSPOT.tasks("OPEN", "onramp-task-a", "onramp-task-b"));
    engine.stubFor(post(urlPathEqualTo("/api/sync/hubspot/ack")).willReturn(aResponse().withFault(
        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> loop.runOnce(Duration.ZERO)).isInstanceOf(RuntimeException.class);   // written, never acknowledged
    assertThat(tasks.taskIdByKey).hasSize(2);

    // the leases run out and the items come back, the second task completed meanwhile
    engine.resetRequests();
    engine.stubFor(post(urlPathEqualTo("/api/sync/hubspot/ack")).willReturn(okJson("[]")));
    claimReturns(SyncItems.HUBSPOT.tasks("COMPLETED", "onramp-task-a", "onramp-task-b"));
    loop.runOnce(Duration.ZERO);

    assertThat(tasks.taskIdByKey).hasSize(2);                                       // still two tasks in HubSpot
    assertThat(tasks.propertiesByKey.get("onramp-task-b").get("hs_task_status").asText()).isEqualTo("COMPLETED");
    hubspot.verify(0, postRequestedFor(urlPathMatching("/crm/v3/objects/tasks(/batch/create)?")));
    assertThat(onlyAck().get("items")).allMatch(i -> i.get("outcome").asText().equals("DONE"));
  }

  // -- helpers --------------------------------------------------------------------------------------

  private static void refuseDeal(String dealId, boolean hubSpotNamesIt) {
    deals.refused.add(dealId);
    deals.namesThem = hubSpotNamesIt;
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(aResponse().withTransformers(deals.getName())));
  }

  private void claimReturns(String items) {
    engine.stubFor(post(urlPathEqualTo("/api/sync/hubspot/claim"))
        .withHeader("Authorization", equalTo("Basic aHVic3BvdC13b3JrZXI6dGVzdC1vbmx5"))
        .withRequestBody(matchingJsonPath("$.workerId", equalTo("test-worker")))
        .willReturn(okJson(items)));
  }

  private JsonNode onlyAck() throws Exception {
    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> acks =
        engine.findAll(postRequestedFor(urlPathEqualTo("/api/sync/hubspot/ack")));
    assertThat(acks).as("acknowledgements").hasSize(1);
    return JSON.readTree(acks.get(0).getBodyAsString());
  }

  private List<JsonNode> dealUpdates() throws Exception {
    List<JsonNode> calls = new ArrayList<>();
    for (var request : hubspot.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update")))) {
      calls.add(JSON.readTree(request.getBodyAsString()));
    }
    return calls;
  }

  /** "dealId=stage" for each input of a batch update. */
  private static List<String> stages(JsonNode call) {
    List<String> stages = new ArrayList<>();
    call.get("inputs").forEach(i -> stages.add(i.get("id").asText() + "=" + i.get("properties").get("onboarding_stage").asText()));
    return stages;
  }

  private static String outcome(JsonNode ack, long id) {
    return item(ack, id).get("outcome").asText();
  }

  private static String message(JsonNode ack, long id) {
    return item(ack, id).get("message").asText();
  }

  private static JsonNode item(JsonNode ack, long id) {
    List<JsonNode> found = new ArrayList<>();
    ack.get("items").forEach(i -> { if (i.get("id").asLong() == id) found.add(i); });
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}

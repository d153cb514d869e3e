package io.onramp.connector.salesforce;

import io.onramp.connector.testing.SyncItems;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.onramp.connector.sync.SyncLoop;
import io.onramp.connector.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Salesforce connector between a stubbed engine sync API and a Salesforce stub answering as Salesforce does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)      // the budget and session are per test
class SalesforceSyncIntegrationTest {

  static final FakeSalesforceTasks tasks = new FakeSalesforceTasks();
  static final RefusingSalesforceCollections refusing = new RefusingSalesforceCollections();
  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final WireMockServer salesforce = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(tasks, refusing));
  static final ObjectMapper JSON = new ObjectMapper();
  static final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  static {
    engine.start();
    salesforce.start();
  }

  @TestConfiguration
  static class Time {
    @Bean
    @Primary
    Clock testClock() {
      return clock;
    }
  }

  @Autowired
  SyncLoop loop;

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("onramp.connector.engine-url", engine::baseUrl);
    registry.add("onramp.salesforce.login-url", salesforce::baseUrl);
  }

  @BeforeEach
  void reset() {
    engine.resetAll();
    salesforce.resetAll();
    tasks.idByKey.clear();
    refusing.unreadable.clear();
    refusing.collections.clear();
    clock.set(Instant.parse("2026-11-23T10:00:00Z"));
    engine.stubFor(post(urlPathEqualTo("/api/sync/salesforce/ack")).willReturn(okJson("[]")));
    salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token")).withRequestBody(containing("grant_type=client_credentials"))
        .willReturn(okJson(token("session-1"))));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects/Task/Onboarding_Task_Key__c"))
        .willReturn(aResponse().withTransformers(tasks.getName())));
  }

  @Test
  void shouldUpdateOpportunitiesInCollectionsOf200AndJudgeEachRecordByItsOwnAnswer() throws Exception {
    claimReturns(SyncItems.SALESFORCE.onboardings(250));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).willReturn(collection(200, 2, 3)));

    loop.runOnce(Duration.ZERO);

    List<JsonNode> calls = bodies(patchRequestedFor(urlPathEqualTo("/services/data/v62.0/composite/sobjects")));
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).get("allOrNone").asBoolean()).isFalse();
    assertThat(calls.get(0).get("records")).hasSize(200);
    JsonNode record = calls.get(0).get("records").get(0);
    assertThat(record.get("attributes").get("type").asText()).isEqualTo("Opportunity");
    assertThat(record.get("id").asText()).isEqualTo("006000000007001AAA");
    assertThat(record.get("Onboarding_Stage__c").asText()).isEqualTo("KICKOFF");
    assertThat(record.get("Onboarding_URL__c").asText()).contains("/cockpit/");
    salesforce.verify(patchRequestedFor(urlPathEqualTo("/services/data/v62.0/composite/sobjects"))
        .withHeader("Authorization", equalTo("Bearer session-1")));
    JsonNode ack = onlyAck();
    assertThat(outcome(ack, 1)).isEqualTo("DONE");
    assertThat(outcome(ack, 2)).isEqualTo("FAILED");
    assertThat(message(ack, 2)).contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST").contains("Onboarding_Stage__c");
    assertThat(outcome(ack, 3)).isEqualTo("RETRY");
    assertThat(message(ack, 3)).contains("UNABLE_TO_LOCK_ROW");
    assertThat(outcome(ack, 250)).isEqualTo("DONE");
  }

  @Test
  void shouldCostTheOthersNothingWhenSalesforceRefusesAWholeCollectionForOneRecord() throws Exception {
    claimReturns(SyncItems.SALESFORCE.onboardings(100));
    String bad = "006" + String.format("%012d", 7037) + "AAA";                  // onboarding 37's opportunity
    refusing.unreadable.add(bad);
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects"))
        .willReturn(aResponse().withTransformers(refusing.getName())));

    loop.runOnce(Duration.ZERO);

    JsonNode ack = onlyAck();
    assertThat(outcome(ack, 37)).isEqualTo("FAILED");
    assertThat(message(ack, 37)).contains("JSON_PARSER_ERROR").contains("2026-02-30");
    for (long id = 1; id <= 100; id++) {
      if (id != 37) {
        assertThat(outcome(ack, id)).as("onboarding %d beside the bad one", id).isEqualTo("DONE");
      }
    }
    // split in halves until the bad record is alone: about 2·log2(100) collections, not one call per record
    assertThat(refusing.collections).hasSizeLessThanOrEqualTo(1 + 2 * 7);
    assertThat(refusing.collections.stream().filter(c -> !c.contains(bad)).mapToInt(List::size).sum())
        .as("every good record written once").isEqualTo(99);
    System.out.printf("one unreadable record among 100: %d collection calls%n", refusing.collections.size());
  }

  @Test
  void shouldWriteEveryPassedStageToTheOpportunityInOrderAndSayHowFarItGotWhenARecordIsRefused() throws Exception {
    claimReturns("[" + SyncItems.SALESFORCE.passing(1, "ADOPTION", "GO_LIVE:7", "FIRST_VALUE:8") + "," + SyncItems.SALESFORCE.passing(2, "ADOPTION", "FIRST_VALUE:8")
        + "," + SyncItems.SALESFORCE.passing(3, "TRAINING") + "]");
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).inScenario("rounds")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(collection(2)).willSetStateTo("second"));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).inScenario("rounds")
        .whenScenarioStateIs("second").willReturn(collection(1, 1)).willSetStateTo("current"));     // FIRST_VALUE refused for #1
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).inScenario("rounds")
        .whenScenarioStateIs("current").willReturn(collection(2)));

    loop.runOnce(Duration.ZERO);

    List<JsonNode> calls = bodies(patchRequestedFor(urlPathEqualTo("/services/data/v62.0/composite/sobjects")));
    assertThat(calls).extracting(SalesforceSyncIntegrationTest::stages).containsExactly(
        List.of("006000000007001AAA=GO_LIVE", "006000000007002AAA=FIRST_VALUE"),
        List.of("006000000007001AAA=FIRST_VALUE"),
        List.of("006000000007002AAA=ADOPTION", "006000000007003AAA=TRAINING"));
    assertThat(calls.get(0).get("records").get(0).has("Onboarding_Health__c")).as("a passed stage carries the stage only").isFalse();
    assertThat(calls.get(2).get("records").get(0).get("Onboarding_Health__c").asText()).isEqualTo("ON_TRACK");
    JsonNode ack = onlyAck();
    assertThat(outcome(ack, 1)).isEqualTo("FAILED");
    assertThat(item(ack, 1).get("writtenThrough").asLong()).as("GO_LIVE (version 7) is on the opportunity").isEqualTo(7);
    assertThat(outcome(ack, 2)).isEqualTo("DONE");
    assertThat(outcome(ack, 3)).isEqualTo("DONE");
    assertThat(item(ack, 3).has("writtenThrough")).isFalse();
  }

  @Test
  void shouldMintANewSessionOnceWhenSalesforceSaysItExpired() throws Exception {
    claimReturns(SyncItems.SALESFORCE.onboardings(1));
    salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token")).inScenario("session").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(token("session-old"))).willSetStateTo("renewed"));
    salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token")).inScenario("session").whenScenarioStateIs("renewed")
        .willReturn(okJson(token("session-new"))));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).withHeader("Authorization", equalTo("Bearer session-old"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).withHeader("Authorization", equalTo("Bearer session-new"))
        .willReturn(collection(1)));

    loop.runOnce(Duration.ZERO);

    salesforce.verify(2, postRequestedFor(urlPathEqualTo("/services/oauth2/token")));
    assertThat(outcome(onlyAck(), 1)).isEqualTo("DONE");
  }

  @Test
  void shouldStopAtTheBudgetShareLetWorkWaitAndResumeWhenTheBudgetAllows() throws Exception {
    claimReturns(SyncItems.SALESFORCE.onboardings(1));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).inScenario("budget")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(collection(1).withHeader("Sforce-Limit-Info", "api-usage=12100/15000"))
        .willSetStateTo("later"));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).inScenario("budget")
        .whenScenarioStateIs("later").willReturn(collection(1).withHeader("Sforce-Limit-Info", "api-usage=9000/15000")));

    loop.runOnce(Duration.ZERO);                  // written; Salesforce reports 80.7 % of the allocation used
    engine.resetRequests();
    loop.runOnce(Duration.ZERO);                  // the next batch waits

    JsonNode waiting = onlyAck();
    assertThat(outcome(waiting, 1)).isEqualTo("RETRY");
    assertThat(waiting.get("items").get(0).get("retryAt").asText()).isEqualTo("2026-11-23T11:00:00Z");
    assertThat(message(waiting, 1)).contains("12100/15000");
    salesforce.verify(1, patchRequestedFor(urlPathEqualTo("/services/data/v62.0/composite/sobjects")));

    clock.set(Instant.parse("2026-11-23T11:00:01Z"));
    engine.resetRequests();
    loop.runOnce(Duration.ZERO);                  // the hour is over: one call reads the usage again
    assertThat(outcome(onlyAck(), 1)).isEqualTo("DONE");
    salesforce.verify(2, patchRequestedFor(urlPathEqualTo("/services/data/v62.0/composite/sobjects")));
  }

  @Test
  void shouldTreatRequestLimitExceededAsASpentBudget() throws Exception {
    claimReturns(SyncItems.SALESFORCE.onboardings(1));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json").withHeader("Sforce-Limit-Info", "api-usage=15001/15000")
        .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));

    loop.runOnce(Duration.ZERO);
    engine.resetRequests();
    loop.runOnce(Duration.ZERO);

    assertThat(outcome(onlyAck(), 1)).isEqualTo("RETRY");
    salesforce.verify(1, patchRequestedFor(urlPathEqualTo("/services/data/v62.0/composite/sobjects")));
  }

  @Test
  void shouldCreateNoDuplicateTaskWhenTheWorkerDiesBetweenTheWriteAndTheAcknowledgement() throws Exception {
    claimReturns(SyncItems.SALESFORCE.tasks("OPEN", "onramp-task-a", "onramp-task-b"));
    engine.stubFor(post(urlPathEqualTo("/api/sync/salesforce/ack")).willReturn(aResponse().withFault(
        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> loop.runOnce(Duration.ZERO)).isInstanceOf(RuntimeException.class);
    assertThat(tasks.idByKey).hasSize(2);

    engine.resetRequests();
    engine.stubFor(post(urlPathEqualTo("/api/sync/salesforce/ack")).willReturn(okJson("[]")));
    claimReturns(SyncItems.SALESFORCE.tasks("COMPLETED", "onramp-task-a", "onramp-task-b"));
    loop.runOnce(Duration.ZERO);

    assertThat(tasks.idByKey).hasSize(2);
    JsonNode record = tasks.recordByKey.get("onramp-task-b");
    assertThat(record.get("Status").asText()).isEqualTo("Completed");
    assertThat(record.get("WhatId").asText()).isEqualTo("006000000007001AAA");
    assertThat(record.get("ActivityDate").asText()).isEqualTo("2026-11-30");
    assertThat(record.get("Priority").asText()).isEqualTo("Normal");
    assertThat(onlyAck().get("items")).allMatch(i -> i.get("outcome").asText().equals("DONE"));
  }

  // -- helpers --------------------------------------------------------------------------------------

  private String token(String accessToken) {
    return "{\"access_token\":\"" + accessToken + "\",\"instance_url\":\"" + salesforce.baseUrl() + "\",\"id\":\"" + salesforce.baseUrl()
        + "/id/00D000000000001EAA/005000000000001AAA\",\"token_type\":\"Bearer\",\"issued_at\":\"1763890000000\",\"signature\":\"c2ln\"}";
  }

  /** A collection answer: success per record, except a picklist error at {@code failed} and a lock at {@code locked}. */
  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder collection(int size, int... special) {
    List<String> results = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      String id = "006" + String.format("%012d", i) + "AAA";
      if (special.length > 0 && i == special[0]) {
        results.add("{\"id\":null,\"success\":false,\"errors\":[{\"statusCode\":\"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST\","
            + "\"message\":\"Onboarding Stage: bad value for restricted picklist field: KICKOFF\",\"fields\":[\"Onboarding_Stage__c\"]}]}");
      } else if (special.length > 1 && i == special[1]) {
        results.add("{\"id\":null,\"success\":false,\"errors\":[{\"statusCode\":\"UNABLE_TO_LOCK_ROW\","
            + "\"message\":\"unable to obtain exclusive access to this record\",\"fields\":[]}]}");
      } else {
        results.add("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}");
      }
    }
    // the stub answers the first call of 200 and the second of 50 alike: only the records sent count
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8")
        .withBody("[" + String.join(",", results) + "]");
  }

  private void claimReturns(String items) {
    engine.stubFor(post(urlPathEqualTo("/api/sync/salesforce/claim")).willReturn(okJson(items)));
  }

  private JsonNode onlyAck() throws Exception {
    var acks = engine.findAll(postRequestedFor(urlPathEqualTo("/api/sync/salesforce/ack")));
    assertThat(acks).as("acknowledgements").hasSize(1);
    return JSON.readTree(acks.get(0).getBodyAsString());
  }

  private static List<JsonNode> bodies(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (var request : salesforce.findAll(pattern)) bodies.add(JSON.readTree(request.getBodyAsString()));
    return bodies;
  }

  /** "opportunityId=stage" for each record of a collection call. */
  private static List<String> stages(JsonNode call) {
    List<String> stages = new ArrayList<>();
    call.get("records").forEach(r -> stages.add(r.get("id").asText() + "=" + r.get("Onboarding_Stage__c").asText()));
    return stages;
  }

  private static String outcome(JsonNode ack, long id) {
    return item(ack, id).get("outcome").asText();
  }

  private static String message(JsonNode ack, long id) {
    return item(ack, id).get("message").asText();
  }

  private static JsonNode item(JsonNode ack, long id) {
    for (JsonNode i : ack.get("items")) if (i.get("id").asLong() == id) return i;
    throw new AssertionError("no item " + id + " in " + ack);
  }
}

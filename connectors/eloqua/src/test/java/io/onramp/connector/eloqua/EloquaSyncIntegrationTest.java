package io.onramp.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import io.onramp.connector.sync.SyncLoop;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EloquaSyncIntegrationTest extends EloquaIntegrationTest {

  @Autowired
  SyncLoop loop;

  @Test
  void shouldFindOrCreateStakeholdersWriteStageAndRoleAndKeepOneOnboardingRecord() throws Exception {
    eloquaState.existingContact("dana@acme1.example");
    String danaId = eloquaState.contact("dana@acme1.example").get("id").asText();
    claimReturns(SyncItems.onboardings(1, "KICKOFF", "dana", "sam"));

    loop.runOnce(Duration.ZERO);

    assertThat(eloquaState.contactCount()).isEqualTo(2);
    assertThat(eloquaState.contactField("dana@acme1.example", FakeEloqua.STAGE_FIELD)).isEqualTo("KICKOFF");
    assertThat(eloquaState.contactField("dana@acme1.example", FakeEloqua.ROLE_FIELD)).isEqualTo("CHAMPION");
    assertThat(eloquaState.contactField("sam@acme1.example", FakeEloqua.ROLE_FIELD)).isEqualTo("ADMIN");
    assertThat(eloquaState.recordCount()).isEqualTo(1);
    assertThat(eloquaState.recordField("pi-1", "Stage1")).isEqualTo("KICKOFF");
    assertThat(eloquaState.recordField("pi-1", "Go_Live_Date1")).isEqualTo(Long.toString(Instant.parse("2026-11-22T09:00:00Z").getEpochSecond()));
    assertThat(eloquaState.recordField("pi-1", "Account_Name1")).isEqualTo("Acme 1");
    eloqua.verify(1, putRequestedFor(urlPathEqualTo("/api/REST/1.0/data/contact/" + danaId)));             // dana existed
    eloqua.verify(1, postRequestedFor(urlPathEqualTo("/api/REST/1.0/data/contact")));                 // sam did not
    eloqua.verify(anyRequestedFor(urlPathMatching("/api/REST/.*")).withHeader("Authorization", equalTo(FakeEloqua.BASIC)));
    eloqua.verify(1, getRequestedFor(urlPathEqualTo("/id")));                                           // discovered once
    assertThat(item(onlyAck(), 1).get("outcome").asText()).isEqualTo("DONE");

    engine.resetRequests();
    claimReturns(SyncItems.onboardings(1, "SETUP", "dana", "sam"));
    loop.runOnce(Duration.ZERO);

    assertThat(eloquaState.recordCount()).isEqualTo(1);
    assertThat(eloquaState.recordField("pi-1", "Stage1")).isEqualTo("SETUP");
    assertThat(eloquaState.contactField("sam@acme1.example", FakeEloqua.STAGE_FIELD)).isEqualTo("SETUP");
    eloqua.verify(1, getRequestedFor(urlPathEqualTo("/api/REST/2.0/assets/customObjects")));          // catalog cached
  }

  @Test
  void shouldCreateNoDuplicatesWhenTheWorkerDiesBetweenTheWriteAndTheAcknowledgement() throws Exception {
    claimReturns(SyncItems.onboardings(2, "TRAINING", "dana", "sam"));
    engine.stubFor(post(urlPathEqualTo("/api/sync/eloqua/ack")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> loop.runOnce(Duration.ZERO)).isInstanceOf(RuntimeException.class);
    assertThat(eloquaState.contactCount()).isEqualTo(4);
    assertThat(eloquaState.recordCount()).isEqualTo(2);

    engine.resetRequests();
    engine.stubFor(post(urlPathEqualTo("/api/sync/eloqua/ack")).willReturn(okJson("[]")));
    claimReturns(SyncItems.onboardings(2, "GO_LIVE", "dana", "sam"));     // the lease ran out; the rows come again, newer
    loop.runOnce(Duration.ZERO);

    assertThat(eloquaState.contactCount()).isEqualTo(4);
    assertThat(eloquaState.recordCount()).isEqualTo(2);
    assertThat(eloquaState.recordField("pi-2", "Stage1")).isEqualTo("GO_LIVE");
    assertThat(onlyAck().get("items")).allMatch(i -> i.get("outcome").asText().equals("DONE"));
  }

  @Test
  void shouldHoldOffAfter429sWithGrowingJitteredPausesAndResumeAfterwards() throws Exception {
    claimReturns(SyncItems.onboardings(1, "KICKOFF", "dana"));
    eloquaState.queueFault(429);

    loop.runOnce(Duration.ZERO);

    JsonNode waiting = item(onlyAck(), 1);
    assertThat(waiting.get("outcome").asText()).isEqualTo("RETRY");
    Instant retryAt = Instant.parse(waiting.get("retryAt").asText());
    assertThat(retryAt).as(waiting.toString()).isBetween(clock.instant().plusMillis(2_500), clock.instant().plusSeconds(5));      // first pause: 5 s with jitter
    assertThat(waiting.get("message").asText()).contains("429");
    int callsSoFar = eloquaState.apiCalls();

    engine.resetRequests();
    loop.runOnce(Duration.ZERO);                            // still paused: nothing is sent, the work waits
    assertThat(item(onlyAck(), 1).get("outcome").asText()).isEqualTo("RETRY");
    assertThat(eloquaState.apiCalls()).isEqualTo(callsSoFar);

    clock.set(retryAt.plusMillis(1));
    eloquaState.queueFault(503);                             // a 503 in a row doubles the pause
    engine.resetRequests();
    loop.runOnce(Duration.ZERO);
    Instant second = Instant.parse(item(onlyAck(), 1).get("retryAt").asText());
    assertThat(second).isBetween(clock.instant().plusSeconds(5), clock.instant().plusSeconds(10));

    clock.set(second.plusMillis(1));
    engine.resetRequests();
    loop.runOnce(Duration.ZERO);
    assertThat(item(onlyAck(), 1).get("outcome").asText()).isEqualTo("DONE");
    assertThat(eloquaState.contactField("dana@acme1.example", FakeEloqua.STAGE_FIELD)).isEqualTo("KICKOFF");
  }

  @Test
  void shouldFailOnlyTheItemEloquaRefusesNamingTheFieldAndTheRequirement() throws Exception {
    claimReturns("[" + SyncItems.onboardings(1, "KICKOFF", "not-an-email@").replaceAll("^\\[|\\]$", "") + ","
        + SyncItems.onboardings(2, "KICKOFF", "dana").replaceAll("^\\[|\\]$", "").replace("\"id\":1,", "\"id\":2,") + "]");

    loop.runOnce(Duration.ZERO);

    JsonNode ack = onlyAck();
    JsonNode refused = item(ack, 1);
    assertThat(refused.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(refused.get("message").asText()).contains("emailAddress = 'not-an-email@'").contains("EmailAddressRequirement");
    assertThat(item(ack, 2).get("outcome").asText()).isEqualTo("DONE");
  }

  @Test
  void shouldSendLargeBatchesThroughTheBulkApiAndFailOnlyTheRejectedRows() throws Exception {
    String good = SyncItems.onboardings(4, "SETUP", "dana", "sam").replaceAll("^\\[|\\]$", "");
    String bad = SyncItems.onboardings(1, "SETUP", "broken-address@").replaceAll("^\\[|\\]$", "").replace("\"id\":1,", "\"id\":9,")
        .replace("pi-1", "pi-9");
    claimReturns("[" + good + "," + bad + "]");            // 9 contacts: above the threshold of 5; 5 records: not

    loop.runOnce(Duration.ZERO);

    eloqua.verify(0, postRequestedFor(urlPathEqualTo("/api/REST/1.0/data/contact")));
    eloqua.verify(1, postRequestedFor(urlPathEqualTo("/api/bulk/2.0/contacts/imports"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.identifierFieldName", equalTo("email")))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.fields.stage",
            equalTo("{{Contact.Field(C_Onboarding_Stage1)}}"))));
    eloqua.verify(1, postRequestedFor(urlPathEqualTo("/api/bulk/2.0/syncs")));
    eloqua.verify(1, getRequestedFor(urlPathMatching("/api/bulk/2.0/syncs/\\d+/rejects")));
    assertThat(eloquaState.contactCount()).isEqualTo(8);
    assertThat(eloquaState.contactField("sam@acme3.example", FakeEloqua.STAGE_FIELD)).isEqualTo("SETUP");
    assertThat(eloquaState.contactField("sam@acme3.example", FakeEloqua.ROLE_FIELD)).isEqualTo("ADMIN");
    JsonNode ack = onlyAck();
    assertThat(item(ack, 9).get("outcome").asText()).isEqualTo("FAILED");
    assertThat(item(ack, 9).get("message").asText()).contains("broken-address").contains("Invalid email address");
    for (long id = 1; id <= 4; id++) {
      assertThat(item(ack, id).get("outcome").asText()).as("item %d", id).isEqualTo("DONE");
    }
  }

  @Test
  void shouldImportTheGoodRowsAgainAtOnceWhenTheSyncRefusesTheWholeImportForTheRowsItRejects() throws Exception {
    eloquaState.rejectsFailTheSync(true);                 // sync status "error": nothing imported, the bad rows named in /rejects
    String good = SyncItems.onboardings(4, "SETUP", "dana", "sam").replaceAll("^\\[|\\]$", "");
    String bad = SyncItems.onboardings(1, "SETUP", "broken-address@").replaceAll("^\\[|\\]$", "").replace("\"id\":1,", "\"id\":9,")
        .replace("pi-1", "pi-9");
    claimReturns("[" + good + "," + bad + "]");

    loop.runOnce(Duration.ZERO);

    eloqua.verify(2, postRequestedFor(urlPathEqualTo("/api/bulk/2.0/contacts/imports")));   // the whole import, then the good rows
    assertThat(eloquaState.contactCount()).as("every good stakeholder imported in the same round").isEqualTo(8);
    JsonNode ack = onlyAck();
    assertThat(item(ack, 9).get("outcome").asText()).isEqualTo("FAILED");
    assertThat(item(ack, 9).get("message").asText()).contains("broken-address").contains("Invalid email address");
    for (long id = 1; id <= 4; id++) {
      assertThat(item(ack, id).get("outcome").asText()).as("item %d", id).isEqualTo("DONE");
    }
  }

  @Test
  void shouldRenewAndAskForTheInstanceAgainOnceWhenEloquaSays401() throws Exception {
    claimReturns(SyncItems.onboardings(1, "KICKOFF", "dana"));
    eloquaState.queueFault(401);

    loop.runOnce(Duration.ZERO);

    assertThat(item(onlyAck(), 1).get("outcome").asText()).isEqualTo("DONE");
    eloqua.verify(2, getRequestedFor(urlPathEqualTo("/id")));
  }

  @Test
  void shouldHoldBulkWorkOnceThisHoursImportsAreUsedAndResumeWhenTheHourMovesOn() throws Exception {
    claimReturns(SyncItems.onboardings(3, "SETUP", "dana", "sam"));          // 6 contacts: one bulk import each time
    loop.runOnce(Duration.ZERO);
    engine.verify(1, postRequestedFor(urlPathEqualTo("/api/sync/eloqua/budget/take"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.windowMillis", equalTo("3600250")))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.account", equalTo("default"))));
    clock.set(clock.instant().plus(Duration.ofMinutes(20)));
    engine.resetRequests();
    loop.runOnce(Duration.ZERO);                                             // the 2 imports this hour allows (test config)
    assertThat(item(onlyAck(), 1).get("outcome").asText()).isEqualTo("DONE");

    engine.resetRequests();
    loop.runOnce(Duration.ZERO);
    JsonNode held = item(onlyAck(), 1);
    assertThat(held.get("outcome").asText()).isEqualTo("RETRY");
    assertThat(held.get("retryAt").asText()).as("the hour from the first import, and a call's travel margin")
        .isEqualTo("2026-11-23T11:00:00.250Z");
    assertThat(held.get("message").asText()).contains("bulk import budget");
    eloqua.verify(2, postRequestedFor(urlPathEqualTo("/api/bulk/2.0/contacts/imports")));

    clock.set(Instant.parse("2026-11-23T11:00:00.250Z"));
    engine.resetRequests();
    loop.runOnce(Duration.ZERO);
    assertThat(item(onlyAck(), 1).get("outcome").asText()).isEqualTo("DONE");
    eloqua.verify(3, postRequestedFor(urlPathEqualTo("/api/bulk/2.0/contacts/imports")));
  }

  @Test
  void shouldHoldBulkWorkWhileOtherReplicasHaveUsedTheInstancesImportsThisHour() throws Exception {
    engine.stubFor(post(urlPathEqualTo("/api/sync/eloqua/budget/take")).willReturn(okJson(
        "{\"granted\":0,\"validForMillis\":0,\"retryInMillis\":600000,\"daySpent\":false,\"remainingToday\":40000}")));
    claimReturns(SyncItems.onboardings(3, "SETUP", "dana", "sam"));

    loop.runOnce(Duration.ZERO);

    JsonNode held = item(onlyAck(), 1);
    assertThat(held.get("outcome").asText()).isEqualTo("RETRY");
    assertThat(Instant.parse(held.get("retryAt").asText())).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    eloqua.verify(0, postRequestedFor(urlPathEqualTo("/api/bulk/2.0/contacts/imports")));
  }

  @Test
  void shouldAcknowledgeTaskRowsWithoutCallingEloquaWhichHasNoTasks() throws Exception {
    claimReturns(SyncItems.task(77));

    loop.runOnce(Duration.ZERO);

    assertThat(item(onlyAck(), 77).get("outcome").asText()).isEqualTo("DONE");
    assertThat(eloquaState.apiCalls()).isZero();
  }
}

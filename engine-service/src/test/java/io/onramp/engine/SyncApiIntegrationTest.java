package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The claim/acknowledge API as a connector uses it: batches, versions, retries, incidents, concurrency, long polling. */
class SyncApiIntegrationTest extends EngineIntegrationTest {

  @Autowired
  JdbcClient jdbc;

  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void shouldKeepANewerVersionPendingWhenAnOlderOneIsAcknowledged() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "1"));
    JsonNode claimed = item(claim("hubspot", pi), "ONBOARDING");
    long claimedVersion = claimed.get("version").asLong();

    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));   // KICKOFF: a newer version
    JsonNode results = ack("hubspot", claimed, claimedVersion, "DONE", null, null);

    assertThat(results.get(0).get("status").asText()).isEqualTo("PENDING");
    JsonNode again = item(claim("hubspot", pi), "ONBOARDING");
    assertThat(again.get("version").asLong()).isGreaterThan(claimedVersion);
    assertThat(again.get("onboarding").get("stage").asText()).isEqualTo("KICKOFF");
    assertThat(ack("hubspot", again, again.get("version").asLong(), "DONE", null, null)
        .get(0).get("status").asText()).isEqualTo("DONE");
    JsonNode status = syncStatus(pi, "HUBSPOT");
    assertThat(status.get("syncedVersion").asLong()).isEqualTo(again.get("version").asLong());
  }

  @Test
  void shouldListTheStagesPassedSinceTheCrmsLastConfirmedVersionMilestonesIncluded() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "3"));
    JsonNode first = item(claim("hubspot", pi), "ONBOARDING");
    assertThat(first.has("passedStages")).as("only the current stage so far").isFalse();
    ack("hubspot", first, first.get("version").asLong(), "DONE", null, null);

    // the CRM is behind by two stages: KICKOFF and SETUP were passed on the way to TRAINING
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    journeys.completeMarketingPlay(pi);
    journeys.complete(pi, "Task_HoldKickoffCall");
    journeys.complete(pi, "Task_CompleteTechnicalSetup");
    JsonNode behind = item(claim("hubspot", pi), "ONBOARDING");
    assertThat(behind.get("onboarding").get("stage").asText()).isEqualTo("TRAINING");
    assertThat(stages(behind)).containsExactly("KICKOFF", "SETUP");

    // KICKOFF got through, then the CRM stopped: next time only SETUP is left to pass
    long kickoff = behind.get("passedStages").get(0).get("version").asLong();
    Instant retryAt = Instant.now().plusSeconds(60);
    ackWrittenThrough("hubspot", behind, retryAt, kickoff);
    ClockUtil.setCurrentTime(java.util.Date.from(retryAt.plusSeconds(1)));
    JsonNode resumed = item(claim("hubspot", pi), "ONBOARDING");
    assertThat(stages(resumed)).containsExactly("SETUP");
    assertThat(syncStatus(pi, "HUBSPOT").get("syncedVersion").asLong()).isEqualTo(kickoff);
    ack("hubspot", resumed, resumed.get("version").asLong(), "DONE", null, null);

    // FIRST_VALUE is left in the same transaction it is entered: it still reaches the CRM, before ADOPTION
    for (String task : List.of("Task_DeliverAdminTraining", "Task_DeliverEndUserTraining", "Task_ConfirmGoLive",
        "Task_ConfirmFirstValue")) {
      journeys.complete(pi, task);
    }
    JsonNode adoption = item(claim("hubspot", pi), "ONBOARDING");
    assertThat(adoption.get("onboarding").get("stage").asText()).isEqualTo("ADOPTION");
    assertThat(stages(adoption)).containsExactly("GO_LIVE", "FIRST_VALUE");
  }

  @Test
  void shouldNeverDeadlockAnAcknowledgementWithAJourneyTransactionOfTheSameOnboarding() throws Exception {
    String pi = new Journeys(as(ADMIN)).submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "4"));
    List<JsonNode> items = claim("hubspot", pi);
    JsonNode onboardingRow = item(items, "ONBOARDING");
    JsonNode taskRow = item(items, "TASK");

    // a journey transaction as the engine runs one: the onboarding row first, then its task's sync row, ...
    java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
    CompletableFuture<Void> journey = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      jdbc.sql("select id from onramp_onboarding where id = ? for update").param(pi).query(String.class).single();
      jdbc.sql("update onramp_sync_item set changed_at = changed_at where id = ?").param(taskRow.get("id").asLong()).update();
      holding.countDown();
      // ... while the connector acknowledges both rows, the onboarding's first ...
      await().atMost(Duration.ofSeconds(10)).until(() -> waitingForLocks() > 0);
      // ... then its onboarding row: with the rows locked in the other order, one of the two would be a deadlock's victim
      jdbc.sql("update onramp_sync_item set changed_at = changed_at where id = ?").param(onboardingRow.get("id").asLong()).update();
    }));
    assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    JsonNode results = as(CONNECTOR).post("/api/sync/hubspot/ack", Map.of("items", List.of(
        Map.of("id", onboardingRow.get("id").asLong(), "lease", onboardingRow.get("lease").asText(),
            "version", onboardingRow.get("version").asLong(), "outcome", "DONE"),
        Map.of("id", taskRow.get("id").asLong(), "lease", taskRow.get("lease").asText(), "version", taskRow.get("version").asLong(),
            "outcome", "DONE")))).expect(200).json();

    journey.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(results.findValuesAsText("status")).containsOnly("DONE");
  }

  /** Backends of this database waiting for a lock (the acknowledgement, blocked behind the journey's transaction). */
  private int waitingForLocks() {
    return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
        .query(Integer.class).single();
  }

  @Test
  void shouldWriteEverythingAgainWhenAnOperatorReconcilesACrmAndOnlyAnOperator() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "5"));
    for (JsonNode item : claim("hubspot", pi)) {
      ack("hubspot", item, item.get("version").asLong(), "DONE", null, null);
    }
    assertThat(claim("hubspot", pi)).as("all written").isEmpty();

    // a CRM admin bulk-edited the deals: write what Onramp knows again, for this onboarding
    assertThat(as(CONNECTOR).post("/api/sync/hubspot/resync", Map.of("onboardingIds", List.of(pi))).status())
        .as("a connector does not reconcile").isEqualTo(403);
    JsonNode result = as(ADMIN).post("/api/sync/hubspot/resync", Map.of("onboardingIds", List.of(pi))).expect(200).json();

    assertThat(result.get("queued").asInt()).isEqualTo(3);           // the onboarding, its review task, the rep's handoff task
    assertThat(result.get("failed").asInt()).isZero();
    List<JsonNode> again = claim("hubspot", pi);
    assertThat(again).extracting(i -> i.get("kind").asText()).containsExactlyInAnyOrder("ONBOARDING", "TASK", "TASK");
    assertThat(item(again, "ONBOARDING").has("passedStages")).as("no stage is written twice into the history").isFalse();
    assertThat(item(again, "TASK").get("task").get("key").asText()).as("the same task key: no duplicate task").isNotBlank();
  }

  @Test
  void shouldHoldARetryUntilTheVendorsTimeAndThenHandItOutAgain() {
    String pi = new Journeys(as(ADMIN)).submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "2"));
    JsonNode item = item(claim("hubspot", pi), "ONBOARDING");
    Instant retryAt = Instant.now().plusSeconds(120);

    ack("hubspot", item, item.get("version").asLong(), "RETRY", retryAt, "429 TEN_SECONDLY_ROLLING");

    assertThat(claim("hubspot", pi)).noneMatch(i -> i.get("kind").asText().equals("ONBOARDING"));
    assertThat(syncStatus(pi, "HUBSPOT").get("state").asText()).isEqualTo("PENDING");
    ClockUtil.setCurrentTime(java.util.Date.from(retryAt.plusSeconds(1)));
    JsonNode retried = item(claim("hubspot", pi), "ONBOARDING");
    assertThat(retried.get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void shouldRaiseAnIncidentWithTheCrmMessageWhenRetriesRunOutAndRequeueOnANewerVersion() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("salesforceOpportunityId", "006B"));
    String message = "FIELD_CUSTOM_VALIDATION_EXCEPTION: Onboarding_Stage__c bad value 'HANDOFF'";

    exhaustRetries("salesforce", pi, message);

    JsonNode incidents = as(ADMIN).get("/engine-rest/incident?maxResults=200&processInstanceId=" + pi).expect(200).json();
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).get("incidentType").asText()).isEqualTo("onrampCrmSync");
    assertThat(incidents.get(0).get("incidentMessage").asText()).isEqualTo(message);
    JsonNode status = syncStatus(pi, "SALESFORCE");
    assertThat(status.get("state").asText()).isEqualTo("FAILED");
    assertThat(status.get("failures").get(0).get("message").asText()).isEqualTo(message);
    assertThat(claim("salesforce", pi)).noneMatch(i -> i.get("kind").asText().equals("ONBOARDING"));

    // the journey is not held up by the CRM, and its next stage is a new version worth trying
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    JsonNode requeued = item(claim("salesforce", pi), "ONBOARDING");
    assertThat(requeued.get("attempts").asInt()).isZero();
    assertThat(requeued.get("onboarding").get("stage").asText()).isEqualTo("KICKOFF");
  }

  @Test
  void shouldKeepTheIncidentOnTheJourneyAsItMovesOnAndRequeueWhenAnOperatorResolvesIt() {
    String key = "two-steps-" + UUID.randomUUID().toString().substring(0, 8);
    as(ADMIN).postMultipart("/engine-rest/deployment/create", key + ".bpmn", twoStepsInOneStage(key)).expect(200);
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.startProcess(key, "B-" + key, Map.of("hubspotDealId", "808"));
    String message = "VALIDATION_ERROR: onboarding_stage is not a valid option";
    exhaustRetries("hubspot", pi, message);
    String first = as(ADMIN).get("/engine-rest/incident?maxResults=200&processInstanceId=" + pi).expect(200).json().get(0).get("id").asText();

    // same stage, so the onboarding row stays FAILED; Task_First (a scope: it has a timer) ends and Camunda
    // removes the incident with it. It must reappear where the journey now waits.
    journeys.complete(pi, "Task_First");

    JsonNode moved = await().atMost(Duration.ofSeconds(10)).until(
        () -> as(ADMIN).get("/engine-rest/incident?maxResults=200&processInstanceId=" + pi).expect(200).json(),
        found -> found.size() == 1 && !found.get(0).get("id").asText().equals(first));
    assertThat(moved.get(0).get("activityId").asText()).isEqualTo("Task_Second");
    assertThat(moved.get(0).get("incidentMessage").asText()).isEqualTo(message);

    as(ADMIN).delete("/engine-rest/incident/" + moved.get(0).get("id").asText()).expect(204);

    JsonNode requeued = item(claim("hubspot", pi), "ONBOARDING");
    assertThat(requeued.get("attempts").asInt()).isZero();
    ack("hubspot", requeued, requeued.get("version").asLong(), "DONE", null, null);
    assertThat(syncStatus(pi, "HUBSPOT").get("failures")).isEmpty();
    assertThat(as(ADMIN).get("/engine-rest/incident?maxResults=200&processInstanceId=" + pi).expect(200).json()).isEmpty();
  }

  @Test
  void shouldFailAtOnceOnAValidationErrorAndResolveTheIncidentWhenANewerVersionSyncs() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "3"));
    JsonNode item = item(claim("hubspot", pi), "ONBOARDING");

    ack("hubspot", item, item.get("version").asLong(), "FAILED", null,
        "VALIDATION_ERROR: Property values were not valid: onboarding_stage=HANDOFF");

    assertThat(as(ADMIN).get("/engine-rest/incident?maxResults=200&processInstanceId=" + pi).expect(200).json()).hasSize(1);
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));  // newer version queued again
    JsonNode newer = item(claim("hubspot", pi), "ONBOARDING");
    ack("hubspot", newer, newer.get("version").asLong(), "DONE", null, null);
    assertThat(as(ADMIN).get("/engine-rest/incident?maxResults=200&processInstanceId=" + pi).expect(200).json()).isEmpty();
  }

  /** Two connector replicas: the first one's lease ran out and the second claimed the row; the first one answers late. */
  @Test
  void shouldChangeNothingWhenALateAcknowledgementAnswersALeaseThatMovedOn() {
    String pi = new Journeys(as(ADMIN)).submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "5"));
    JsonNode first = item(claim("hubspot", pi, "replica-a"), "ONBOARDING");
    ClockUtil.setCurrentTime(java.util.Date.from(Instant.now().plus(Duration.ofHours(1))));      // replica-a's lease ran out
    JsonNode second = item(claim("hubspot", pi, "replica-b"), "ONBOARDING");
    assertThat(second.get("id").asLong()).isEqualTo(first.get("id").asLong());
    assertThat(second.get("lease").asText()).isNotEqualTo(first.get("lease").asText());

    Api.Response lateRelease = lateAck(first, "RELEASE");
    assertThat(lateRelease.status()).isEqualTo(409);
    JsonNode stale = lateRelease.json().get(0);
    assertThat(stale.get("status").asText()).isEqualTo("STALE");
    assertThat(stale.get("current").asText()).isEqualTo("PENDING");
    assertThat(stale.get("heldBy").asText()).isEqualTo("replica-b");
    assertThat(stale.has("leaseUntil")).isTrue();
    assertThat(claim("hubspot", pi, "replica-c")).as("replica-b's lease still stands")
        .noneMatch(i -> i.get("id").asLong() == first.get("id").asLong());

    assertThat(ack("hubspot", second, second.get("version").asLong(), "DONE", null, null).get(0).get("status").asText()).isEqualTo("DONE");
    Api.Response lateFailure = lateAck(first, "FAILED");
    assertThat(lateFailure.status()).isEqualTo(409);
    assertThat(lateFailure.json().get(0).get("current").asText()).isEqualTo("DONE");
    assertThat(as(ADMIN).get("/engine-rest/incident?maxResults=200&processInstanceId=" + pi).expect(200).json())
        .as("no false incident after the other replica's DONE").isEmpty();
    assertThat(jdbc.sql("select status from onramp_sync_item where id = ?").param(first.get("id").asLong()).query(String.class).single())
        .isEqualTo("DONE");
    assertThat(as(CONNECTOR).post("/api/sync/hubspot/ack", Map.of("items", List.of(Map.of("id", first.get("id").asLong(),
        "version", 1, "outcome", "DONE")))).status()).as("an answer must say which lease it answers").isEqualTo(400);
  }

  private Api.Response lateAck(JsonNode claimed, String outcome) {
    return as(CONNECTOR).post("/api/sync/hubspot/ack", Map.of("items", List.of(Map.of("id", claimed.get("id").asLong(),
        "lease", claimed.get("lease").asText(), "version", claimed.get("version").asLong(), "outcome", outcome,
        "message", "VALIDATION_ERROR: too late"))));
  }

  @Test
  void shouldHandAReleasedItemOutAgainAtOnceWithoutCountingAnAttempt() {
    String pi = new Journeys(as(ADMIN)).submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "5"));
    JsonNode item = item(claim("hubspot", pi), "ONBOARDING");
    assertThat(claim("hubspot", pi)).noneMatch(i -> i.get("id").asLong() == item.get("id").asLong());   // leased

    JsonNode result = ack("hubspot", item, item.get("version").asLong(), "RELEASE", null, null);

    assertThat(result.get(0).get("status").asText()).isEqualTo("PENDING");
    JsonNode again = item(claim("hubspot", pi), "ONBOARDING");
    assertThat(again.get("id").asLong()).isEqualTo(item.get("id").asLong());
    assertThat(again.get("attempts").asInt()).isZero();
  }

  @Test
  void shouldGiveAWorkerThatLostItsAnswerItsOwnLeasesBackAtOnceAndNobodyElse() {
    String pi = new Journeys(as(ADMIN)).submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "6"));
    long id = mine(as(CONNECTOR).post("/api/sync/hubspot/claim", Map.of("workerId", "hubspot@host-1", "maxItems", 500)).expect(200).json(), pi);
    assertThat(id).isPositive();                       // leased; say the answer never reached the worker (it restarted)

    assertThat(mine(as(CONNECTOR).post("/api/sync/hubspot/claim", Map.of("workerId", "hubspot@host-2", "maxItems", 500,
        "reclaim", true)).expect(200).json(), pi)).as("another worker").isZero();
    assertThat(mine(as(CONNECTOR).post("/api/sync/hubspot/claim", Map.of("workerId", "hubspot@host-1", "maxItems", 500))
        .expect(200).json(), pi)).as("without reclaim").isZero();
    assertThat(mine(as(CONNECTOR).post("/api/sync/hubspot/claim", Map.of("workerId", "hubspot@host-1", "maxItems", 500,
        "reclaim", true)).expect(200).json(), pi)).as("the same worker, reclaiming").isEqualTo(id);
  }

  /** The id of the journey's onboarding item in a claimed batch (0 when absent); the other rows are acknowledged at once. */
  private long mine(JsonNode batch, String pi) {
    long id = 0;
    List<Map<String, Object>> others = new ArrayList<>();
    for (JsonNode i : batch) {
      if (i.get("onboarding").get("id").asText().equals(pi) && i.get("kind").asText().equals("ONBOARDING")) {
        id = i.get("id").asLong();
      } else if (!i.get("onboarding").get("id").asText().equals(pi)) {
        others.add(Map.of("id", i.get("id").asLong(), "lease", i.get("lease").asText(), "version", i.get("version").asLong(),
            "outcome", "DONE"));
      }
    }
    if (!others.isEmpty()) {
      as(CONNECTOR).post("/api/sync/hubspot/ack", Map.of("items", others)).expect(200);
    }
    return id;
  }

  @Test
  void shouldNeverGiveTheSameRowToTwoConcurrentClaimers() throws Exception {
    String onboarding = "bulk-" + UUID.randomUUID();
    jdbc.sql("insert into onramp_onboarding (id, process_definition_key, started_at, updated_at, hubspot_deal_id) "
        + "values (?, 'bulk', now(), now(), 'x')").param(onboarding).update();
    for (int i = 0; i < 400; i++) {
      jdbc.sql("insert into onramp_sync_item (crm, subject, kind, onboarding_id, task_id, version, payload, status, due_at, changed_at) "
          + "values ('eloqua', ?, 'TASK', ?, ?, 1, '{}', 'PENDING', now(), now())")
          .params("task:" + onboarding + i, onboarding, onboarding + i).update();
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<List<Long>>> claimers = new ArrayList<>();
    for (String worker : List.of("a", "b")) {
      claimers.add(pool.submit(() -> {
        List<Long> ids = new ArrayList<>();
        while (true) {
          JsonNode batch = as(CONNECTOR).post("/api/sync/eloqua/claim", Map.of("workerId", worker, "maxItems", 25)).expect(200).json();
          if (batch.isEmpty()) return ids;
          batch.forEach(i -> ids.add(i.get("id").asLong()));
        }
      }));
    }
    List<Long> a = claimers.get(0).get();
    List<Long> b = claimers.get(1).get();
    pool.shutdown();

    Set<Long> union = new HashSet<>(a);
    union.addAll(b);
    assertThat(a.size() + b.size()).isEqualTo(400);
    assertThat(union).hasSize(400);
    assertThat(Collections.disjoint(a, b)).isTrue();
  }

  @Test
  void shouldAnswerALongPollAsSoonAsWorkArrives() {
    // drain what other tests left for eloqua
    while (!as(CONNECTOR).post("/api/sync/eloqua/claim", Map.of("workerId", "drain", "maxItems", 500)).expect(200).json().isEmpty()) {
      // keep draining
    }
    long started = System.nanoTime();
    CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() ->
        as(CONNECTOR).post("/api/sync/eloqua/claim", Map.of("workerId", "poller", "waitSeconds", 20)).expect(200).json());
    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !poll.isDone());

    String pi = new Journeys(as(ADMIN)).submitHandoff("H-" + UUID.randomUUID(), "assisted",
        Map.of("eloquaContactEmails", List.of("ada@acme.example")));

    JsonNode items = await().atMost(Duration.ofSeconds(15)).until(poll::join, r -> !r.isEmpty());
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(items).anyMatch(i -> i.get("onboarding").get("id").asText().equals(pi));
    assertThat(seconds).as("answered well before the 20 s wait ran out").isLessThan(15);
  }

  @Test
  void shouldRejectBadClaimsWithProblemsNamingTheField() {
    Api.Response unknownCrm = as(CONNECTOR).post("/api/sync/pipedrive/claim", Map.of("workerId", "w"));
    assertThat(unknownCrm.status()).isEqualTo(404);
    assertThat(unknownCrm.json().get("detail").asText()).contains("pipedrive");

    Api.Response tooMany = as(CONNECTOR).post("/api/sync/hubspot/claim", Map.of("workerId", "w", "maxItems", 100_000));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("errors").get(0).get("field").asText()).isEqualTo("maxItems");

    Api.Response noWorker = as(CONNECTOR).post("/api/sync/hubspot/claim", Map.of("maxItems", 5));
    assertThat(noWorker.status()).isEqualTo(400);
    assertThat(noWorker.json().get("errors").get(0).get("field").asText()).isEqualTo("workerId");

    Api.Response badOutcome = as(CONNECTOR).post("/api/sync/hubspot/ack",
        "{\"items\":[{\"id\":1,\"version\":1,\"outcome\":\"MAYBE\"}]}");
    assertThat(badOutcome.status()).isEqualTo(400);
  }

  // -- helpers ------------------------------------------------------------------------------------

  /** Retries the onboarding row until the budget (3 in the test profile) is spent, each at the vendor's time. */
  private void exhaustRetries(String crm, String pi, String message) {
    for (int attempt = 1; attempt <= 3; attempt++) {
      ClockUtil.setCurrentTime(java.util.Date.from(Instant.now().plus(Duration.ofHours(attempt))));
      JsonNode item = item(claim(crm, pi), "ONBOARDING");
      assertThat(item.get("attempts").asInt()).isEqualTo(attempt - 1);
      ack(crm, item, item.get("version").asLong(), "RETRY", null, message);
    }
    ClockUtil.reset();
  }

  private static byte[] twoStepsInOneStage(String key) {
    return ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="https://example.com">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="Event_Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_First" />
            <bpmn:userTask id="Task_First" name="First" camunda:candidateGroups="csm">
              <bpmn:extensionElements><camunda:properties><camunda:property name="onramp.stage" value="SETUP" /></camunda:properties></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:boundaryEvent id="Event_FirstOverdue" cancelActivity="false" attachedToRef="Task_First">
              <bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="Flow_Overdue" sourceRef="Event_FirstOverdue" targetRef="Event_Nudged" />
            <bpmn:endEvent id="Event_Nudged" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_First" targetRef="Task_Second" />
            <bpmn:userTask id="Task_Second" name="Second" camunda:candidateGroups="csm" />
            <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Second" targetRef="Event_Done" />
            <bpmn:endEvent id="Event_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """).formatted(key).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private List<JsonNode> claim(String crm, String onboardingId) {
    return claim(crm, onboardingId, "test");
  }

  private List<JsonNode> claim(String crm, String onboardingId, String worker) {
    JsonNode all = as(CONNECTOR).post("/api/sync/" + crm + "/claim", Map.of("workerId", worker, "maxItems", 500)).expect(200).json();
    List<JsonNode> mine = new ArrayList<>();
    List<Map<String, Object>> others = new ArrayList<>();
    for (JsonNode i : all) {
      if (i.get("onboarding").get("id").asText().equals(onboardingId)) {
        mine.add(i);
      } else {    // give other tests' rows back at once
        others.add(Map.of("id", i.get("id").asLong(), "lease", i.get("lease").asText(), "version", i.get("version").asLong(),
            "outcome", "DONE"));
      }
    }
    if (!others.isEmpty()) {
      as(CONNECTOR).post("/api/sync/" + crm + "/ack", Map.of("items", others)).expect(200);
    }
    return mine;
  }

  private static JsonNode item(List<JsonNode> items, String kind) {
    return items.stream().filter(i -> i.get("kind").asText().equals(kind)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " item in " + items));
  }

  /** Acknowledges one claimed item under the lease it was claimed with. */
  private JsonNode ack(String crm, JsonNode claimed, long version, String outcome, Instant retryAt, String message) {
    Map<String, Object> item = new java.util.HashMap<>(Map.of("id", claimed.get("id").asLong(), "lease", claimed.get("lease").asText(),
        "version", version, "outcome", outcome));
    if (retryAt != null) item.put("retryAt", retryAt.toString());
    if (message != null) item.put("message", message);
    return as(CONNECTOR).post("/api/sync/" + crm + "/ack", Map.of("items", List.of(item))).expect(200).json();
  }

  private JsonNode ackWrittenThrough(String crm, JsonNode claimed, Instant retryAt, long writtenThrough) {
    return as(CONNECTOR).post("/api/sync/" + crm + "/ack", Map.of("items", List.of(Map.of("id", claimed.get("id").asLong(),
        "lease", claimed.get("lease").asText(), "version", claimed.get("version").asLong(), "outcome", "RETRY", "retryAt", retryAt.toString(), "message", "503",
        "writtenThrough", writtenThrough)))).expect(200).json();
  }

  private static List<String> stages(JsonNode item) {
    List<String> stages = new ArrayList<>();
    item.path("passedStages").forEach(p -> stages.add(p.get("stage").asText()));
    return stages;
  }

  private JsonNode syncStatus(String pi, String crm) {
    for (JsonNode s : as(ADMIN).get("/api/onboardings/" + pi).expect(200).json().get("sync")) {
      if (s.get("crm").asText().equals(crm)) return s;
    }
    throw new AssertionError("no sync status for " + crm);
  }
}

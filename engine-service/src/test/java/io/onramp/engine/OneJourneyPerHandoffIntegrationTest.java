package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two handoff-service replicas delivering the same HandoffSubmitted (one's outbox lease ran out while the
 * engine was slow): the engine starts one journey, whatever the timing, and the second start names it.
 */
class OneJourneyPerHandoffIntegrationTest extends EngineIntegrationTest {

  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void shouldStartOneJourneyWhenTwoStartsForOneHandoffRace() throws Exception {
    String handoff = "H-" + UUID.randomUUID();
    CompletableFuture<Api.Response> second = new CompletableFuture<>();
    String first = new TransactionTemplate(transactions).execute(status -> {
      String id = runtime.createMessageCorrelation("HandoffSubmitted").processInstanceBusinessKey(handoff)
          .setVariable("handoffId", handoff).setVariable("segment", "assisted").correlateStartMessage().getId();
      // the first start is not committed yet: the second one, from "another replica", must wait for it
      CompletableFuture.runAsync(() -> second.complete(startOverRest(handoff)));
      await().atMost(Duration.ofSeconds(20)).until(() -> waitingForTheJourneyLock() == 1);
      return id;
    });

    Api.Response refused = second.get();
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("already has its journey " + first);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(handoff).count()).isEqualTo(1);

    Api.Response later = startOverRest(handoff);                         // and any time later, even once it ended
    assertThat(later.status()).isEqualTo(400);
    runtime.deleteProcessInstance(first, "cancelled in the test");
    assertThat(startOverRest(handoff).body()).contains("already has its journey " + first);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(handoff).count()).isEqualTo(1);
  }

  @Test
  void shouldHoldADesignersOwnJourneyToTheSameRuleAndLeaveOtherProcessesAlone() {
    String journey = "designer_" + UUID.randomUUID().toString().substring(0, 8);
    as(ADMIN).postMultipart("/engine-rest/deployment/create", journey + ".bpmn", StageTrackingIntegrationTest.designerProcess(journey, "SETUP"))
        .expect(200);
    Journeys journeys = new Journeys(as(ADMIN));
    String first = journeys.startProcess(journey, "H-designer-1", Map.of());
    Api.Response again = as(ADMIN).post("/engine-rest/process-definition/key/" + journey + "/start", Map.of("businessKey", "H-designer-1"));
    // this REST endpoint words every engine refusal as its own 500 ("Cannot instantiate…"); the message start answers 400
    assertThat(again.status()).isIn(400, 500);
    assertThat(again.body()).contains("already has its journey " + first);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(journey).processInstanceBusinessKey("H-designer-1")
        .count()).isEqualTo(1);
    journeys.startProcess(journey, "H-designer-2", Map.of());                       // another handoff: its own journey

    String plain = "plain_" + UUID.randomUUID().toString().substring(0, 8);       // no stages: not a journey
    as(ADMIN).postMultipart("/engine-rest/deployment/create", plain + ".bpmn", ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="https://example.com">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="Event_Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_Look" />
            <bpmn:userTask id="Task_Look" name="Look" camunda:candidateGroups="csm" />
          </bpmn:process>
        </bpmn:definitions>
        """).formatted(plain).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8)).expect(200);
    journeys.startProcess(plain, "same-key", Map.of());
    journeys.startProcess(plain, "same-key", Map.of());
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(plain).count()).isEqualTo(2);
  }

  private Api.Response startOverRest(String handoff) {
    return as(ADMIN).post("/engine-rest/message", Map.of("messageName", "HandoffSubmitted", "businessKey", handoff,
        "processVariables", Map.of("handoffId", Map.of("value", handoff, "type", "String"),
            "segment", Map.of("value", "assisted", "type", "String")), "resultEnabled", true));
  }

  private int waitingForTheJourneyLock() {
    return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' "
        + "and wait_event = 'advisory'").query(Integer.class).single();
  }
}

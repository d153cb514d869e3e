package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

public class StageTrackingIntegrationTest extends EngineIntegrationTest {

  @Autowired
  JdbcClient jdbc;

  @Test
  void shouldRecordEveryStageInOrderAndQueueOneCoalescedRowPerLinkedCrm() {
    Journeys journeys = new Journeys(as(ADMIN));
    String handoff = "H-" + UUID.randomUUID();
    String pi = journeys.submitHandoff(handoff, "assisted", Map.of("hubspotDealId", "9001", "hubspotCompanyId", "77",
        "salesforceOpportunityId", "006000000000001AAA", "eloquaContactEmails", List.of("ada@acme.example", "bob@acme.example"),
        "eloquaContactRoles", "{\"ada@acme.example\":\"CHAMPION\",\"bob@acme.example\":\"ADMIN\"}"));

    journeys.runAssistedToSteadyState(pi);

    JsonNode onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(onboarding.get("stage").asText()).isEqualTo("STEADY_STATE");
    assertThat(onboarding.get("businessKey").asText()).isEqualTo(handoff);
    assertThat(onboarding.get("ttvDays").asLong()).isZero();
    assertThat(stages(onboarding)).containsExactly("HANDOFF", "KICKOFF", "SETUP", "TRAINING", "GO_LIVE", "FIRST_VALUE",
        "ADOPTION", "STEADY_STATE");
    assertThat(onboarding.get("timeline").get(0).get("leftAt").isNull()).isFalse();
    assertThat(onboarding.get("openTasks")).isEmpty();
    // the same onboarding is found by its handoff id
    assertThat(as(ADMIN).get("/api/onboardings/" + handoff).expect(200).json().get("id").asText()).isEqualTo(pi);

    // one onboarding row per CRM, coalesced to the latest version; one row per mirrored task (Eloqua has no tasks),
    // and the sales rep's "Complete the handoff" task, done: the journey started because the handoff was submitted
    long latest = onboarding.get("version").asLong();
    for (String crm : List.of("hubspot", "salesforce", "eloqua")) {
      assertThat(jdbc.sql("select version from onramp_sync_item where onboarding_id = ? and crm = ? and kind = 'ONBOARDING'")
          .params(pi, crm).query(Long.class).list()).as(crm).containsExactly(latest);
      assertThat(jdbc.sql("select count(*) from onramp_sync_item where onboarding_id = ? and crm = ? and kind = 'TASK'")
          .params(pi, crm).query(Long.class).single()).as(crm).isEqualTo(crm.equals("eloqua") ? 0 : 9);
    }
    List<String> handoffTask = jdbc.sql("select payload::jsonb ->> 'key', payload::jsonb ->> 'status', payload::jsonb ->> 'url' "
        + "from onramp_sync_item where crm = 'hubspot' and task_id = ?").param("handoff-" + handoff)
        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
    assertThat(handoffTask.get(0)).isEqualTo("handoff-" + handoff);
    assertThat(handoffTask.get(1)).isEqualTo("COMPLETED");
    assertThat(handoffTask.get(2)).endsWith("/handoffs/?handoff=" + handoff);
    JsonNode eloqua = claimFor("eloqua", pi);
    assertThat(eloqua).hasSize(1);
    JsonNode snapshot = eloqua.get(0).get("onboarding");
    assertThat(snapshot.get("links").get("eloquaContactRoles").get("bob@acme.example").asText()).isEqualTo("ADMIN");
    assertThat(snapshot.get("goLiveAt").asText()).isNotBlank();
    assertThat(snapshot.get("firstValueAt").asText()).isNotBlank();
    assertThat(onboarding.get("sync")).extracting(s -> s.get("state").asText()).containsOnly("PENDING");

    // the claimed snapshot is the onboarding's current state, each task once with its last status
    JsonNode claimed = claimFor("hubspot", pi);
    assertThat(claimed).hasSize(10);
    JsonNode stageItem = find(claimed, "ONBOARDING");
    assertThat(stageItem.get("onboarding").get("stage").asText()).isEqualTo("STEADY_STATE");
    assertThat(stageItem.get("onboarding").get("links").get("hubspotDealId").asText()).isEqualTo("9001");
    assertThat(stageItem.get("onboarding").get("url").asText()).contains("/camunda/app/cockpit/").contains(pi);
    List<String> taskStatuses = new ArrayList<>();
    claimed.forEach(i -> { if (i.get("kind").asText().equals("TASK")) taskStatuses.add(i.get("task").get("status").asText()); });
    assertThat(taskStatuses).hasSize(9).containsOnly("COMPLETED");
    JsonNode reviewTask = tasks(claimed).stream().filter(t -> t.get("taskDefinitionKey").asText().equals("Task_ReviewHandoff"))
        .findFirst().orElseThrow();
    assertThat(reviewTask.get("candidateGroups").get(0).asText()).isEqualTo("cs-lead");
    assertThat(reviewTask.get("key").asText()).startsWith("onramp-task-");
    assertThat(reviewTask.get("dueAt").asText()).isNotBlank();
  }

  @Test
  void shouldShowOpenTasksAndHealthWhileTheJourneyRuns() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "42"));

    JsonNode onboarding = as(CSM).get("/api/onboardings/" + pi).expect(200).json();

    assertThat(onboarding.get("stage").asText()).isEqualTo("HANDOFF");
    assertThat(onboarding.get("health").asText()).isEqualTo("ON_TRACK");
    JsonNode task = onboarding.get("openTasks").get(0);
    assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("Task_ReviewHandoff");
    assertThat(task.get("candidateGroups").get(0).asText()).isEqualTo("cs-lead");
    assertThat(task.get("dueAt").asText()).isNotBlank();
    assertThat(task.get("overdue").asBoolean()).isFalse();
    assertThat(onboarding.get("sync")).hasSize(1);
    assertThat(onboarding.get("sync").get(0).get("crm").asText()).isEqualTo("HUBSPOT");
  }

  @Test
  void shouldMarkTheOnboardingAtRiskAndSyncItWhenAStepIsOverdue() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("salesforceOpportunityId", "006A"));
    long before = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json().get("version").asLong();

    JsonNode timer = as(ADMIN).get("/engine-rest/job?maxResults=200&processInstanceId=" + pi + "&activityId=Event_ReviewHandoffOverdue")
        .expect(200).json().get(0);
    as(ADMIN).post("/engine-rest/job/" + timer.get("id").asText() + "/execute", "").expect(204);

    JsonNode onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(onboarding.get("health").asText()).isEqualTo("AT_RISK");
    assertThat(onboarding.get("version").asLong()).isGreaterThan(before);
    assertThat(onboarding.get("openTasks")).extracting(t -> t.get("name").asText())
        .contains("Rescue stalled step: Review handoff");
    JsonNode item = claimFor("salesforce", pi);
    assertThat(find(item, "ONBOARDING").get("onboarding").get("health").asText()).isEqualTo("AT_RISK");
  }

  @Test
  void shouldTrackADesignersOwnProcessThatUsesTheStageProperty() {
    String key = "designer-journey-" + UUID.randomUUID().toString().substring(0, 8);
    as(ADMIN).postMultipart("/engine-rest/deployment/create", key + ".bpmn", designerProcess(key, "SETUP")).expect(200);
    Journeys journeys = new Journeys(as(ADMIN));

    String pi = journeys.startProcess(key, "B-" + key, Map.of("hubspotDealId", "555", "accountName", "Globex"));
    journeys.complete(pi, "Task_Configure");
    journeys.complete(pi, "Task_GoLive");

    JsonNode onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(stages(onboarding)).containsExactly("SETUP", "GO_LIVE", "STEADY_STATE");
    assertThat(onboarding.get("processDefinitionKey").asText()).isEqualTo(key);
    assertThat(onboarding.get("accountName").asText()).isEqualTo("Globex");
    assertThat(jdbc.sql("select count(*) from onramp_sync_item where onboarding_id = ? and crm = 'hubspot'").param(pi)
        .query(Long.class).single()).isEqualTo(4);   // the onboarding, its two tasks and the sales rep's handoff task
  }

  @Test
  void shouldRefuseADeploymentWithAnUnknownStageNamingTheElement() {
    Api.Response response = as(ADMIN).postMultipart("/engine-rest/deployment/create", "bad.bpmn",
        designerProcess("bad-stage-journey", "ONBOARDED"));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("Task_Configure").contains("ONBOARDED").contains("GO_LIVE");
    assertThat(as(ADMIN).get("/engine-rest/process-definition?maxResults=200&key=bad-stage-journey").expect(200).json()).isEmpty();
  }

  @Test
  void shouldNotTrackUnlinkedTasksOfProcessesWithoutStages() {
    String key = "plain-" + UUID.randomUUID().toString().substring(0, 8);
    String xml = new String(designerProcess(key, "SETUP"), StandardCharsets.UTF_8).replaceAll("<bpmn:extensionElements>.*?</bpmn:extensionElements>", "");
    as(ADMIN).postMultipart("/engine-rest/deployment/create", key + ".bpmn", xml.getBytes(StandardCharsets.UTF_8)).expect(200);
    Journeys journeys = new Journeys(as(ADMIN));

    String pi = journeys.startProcess(key, "B-" + key, Map.of("accountName", "Initech"));
    journeys.complete(pi, "Task_Configure");

    as(ADMIN).get("/api/onboardings/" + pi).expect(404);
    assertThat(jdbc.sql("select count(*) from onramp_sync_item where onboarding_id = ?").param(pi).query(Long.class).single())
        .isZero();
  }

  /** Claims everything due for a CRM and keeps this onboarding's items (other tests share the database). */
  JsonNode claimFor(String crm, String onboardingId) {
    JsonNode all = as(CONNECTOR).post("/api/sync/" + crm + "/claim", Map.of("workerId", "w1", "maxItems", 500)).expect(200).json();
    var mine = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    all.forEach(i -> { if (i.get("onboarding").get("id").asText().equals(onboardingId)) mine.add(i); });
    return mine;
  }

  public static byte[] designerProcess(String key, String firstStage) {
    return ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="https://example.com">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="Event_Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_Configure" />
            <bpmn:userTask id="Task_Configure" name="Configure" camunda:candidateGroups="implementation">
              <bpmn:extensionElements><camunda:properties><camunda:property name="onramp.stage" value="%s" /></camunda:properties></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Configure" targetRef="Task_GoLive" />
            <bpmn:userTask id="Task_GoLive" name="Go live" camunda:candidateGroups="csm">
              <bpmn:extensionElements><camunda:properties><camunda:property name="onramp.stage" value="GO_LIVE" /></camunda:properties></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_GoLive" targetRef="Event_Done" />
            <bpmn:endEvent id="Event_Done">
              <bpmn:extensionElements><camunda:properties><camunda:property name="onramp.stage" value="STEADY_STATE" /></camunda:properties></bpmn:extensionElements>
            </bpmn:endEvent>
          </bpmn:process>
        </bpmn:definitions>
        """).formatted(key, firstStage).strip().getBytes(StandardCharsets.UTF_8);
  }

  static List<String> stages(JsonNode onboarding) {
    List<String> stages = new ArrayList<>();
    onboarding.get("timeline").forEach(t -> stages.add(t.get("stage").asText()));
    return stages;
  }

  static JsonNode find(JsonNode items, String kind) {
    for (JsonNode item : items) {
      if (item.get("kind").asText().equals(kind)) return item;
    }
    throw new AssertionError("no " + kind + " item in " + items);
  }

  static List<JsonNode> tasks(JsonNode items) {
    List<JsonNode> tasks = new ArrayList<>();
    items.forEach(i -> { if (i.get("kind").asText().equals("TASK")) tasks.add(i.get("task")); });
    return tasks;
  }
}

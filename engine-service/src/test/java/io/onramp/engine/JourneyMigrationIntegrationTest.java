package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Moving running journeys to a new version of their process as a designer does it: plan and validate
 * (nothing changes), see which journeys cannot move and why, add a mapping for the renamed step, then
 * execute and watch the batch until every journey runs on the new version.
 */
class JourneyMigrationIntegrationTest extends EngineIntegrationTest {

  private String key;
  private String waitingAtFirst;
  private String waitingAtSecond;
  private String alsoAtSecond;

  /** Version 1: First → Second. Three journeys: one at First, two at Second. Version 2 renames Second and adds Review. */
  @BeforeEach
  void twoVersionsWithRunningJourneys() {
    key = "migration-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(version1(key));
    waitingAtFirst = start("M-1");
    waitingAtSecond = start("M-2");
    alsoAtSecond = start("M-3");
    complete(waitingAtSecond, "Task_First");
    complete(alsoAtSecond, "Task_First");
    deploy(version2(key));
  }

  @Test
  void shouldPlanAndValidateWithoutChangingAnythingAndNameTheJourneysThatCannotMove() {
    JsonNode report = as(ADMIN).post("/api/journeys/migrations", Map.of("processDefinitionKey", key)).expect(200).json();

    assertThat(report.get("target").get("version").asInt()).isEqualTo(2);
    assertThat(report.get("executed").asBoolean()).isFalse();
    assertThat(report.get("instances").asInt()).isEqualTo(3);
    assertThat(report.get("migratable").asInt()).isEqualTo(1);
    JsonNode source = report.get("sources").get(0);
    assertThat(source.get("version").get("version").asInt()).isEqualTo(1);
    assertThat(source.get("instructions").findValuesAsText("source")).contains("Task_First").doesNotContain("Task_Second");
    assertThat(source.get("blocked").findValuesAsText("businessKey")).containsExactlyInAnyOrder("M-2", "M-3");
    assertThat(source.get("blocked").get(0).get("errors").toString()).contains("Task_Second");
    assertThat(report.get("summary").asText()).isEqualTo("1 of 3 running journeys can move from version(s) 1 to version 2; "
        + "2 cannot (see planErrors and blocked); nothing changed (send \"execute\": true to migrate)");
    for (String journey : List.of(waitingAtFirst, waitingAtSecond, alsoAtSecond)) {
      assertThat(versionOf(journey)).as("a plan changes nothing").isEqualTo(1);
    }
  }

  @Test
  void shouldMoveEveryJourneyWithAMappingForTheRenamedStepAndReportTheBatchProgress() {
    Map<String, Object> request = new HashMap<>(Map.of("processDefinitionKey", key, "fromVersion", 1,
        "mappings", List.of(Map.of("source", "Task_Second", "target", "Task_SecondRenamed"))));
    JsonNode plan = as(ADMIN).post("/api/journeys/migrations", request).expect(200).json();
    assertThat(plan.get("migratable").asInt()).isEqualTo(3);
    assertThat(plan.get("sources").get(0).get("blocked")).isEmpty();

    request.put("execute", true);
    JsonNode executed = as(ADMIN).post("/api/journeys/migrations", request).expect(202).json();
    String batch = executed.get("sources").get(0).get("batchId").asText();
    assertThat(executed.get("summary").asText()).startsWith("3 of 3 running journeys are moving from version(s) 1 to version 2");

    JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> runBatchJobs(batch), p -> p.get("finished").asBoolean());
    assertThat(done.get("total").asInt()).isEqualTo(3);
    assertThat(done.get("completed").asInt()).isEqualTo(3);
    for (String journey : List.of(waitingAtFirst, waitingAtSecond, alsoAtSecond)) {
      assertThat(versionOf(journey)).isEqualTo(2);
    }
    assertThat(openTask(waitingAtSecond)).isEqualTo("Task_SecondRenamed");
    // the moved journey now runs the new version's path: First leads to the new Review step
    complete(waitingAtFirst, "Task_First");
    assertThat(openTask(waitingAtFirst)).isEqualTo("Task_Review");
  }

  @Test
  void shouldSayWhichFieldIsWrongAndWhyTheMappingIsRefused() {
    assertThat(error(Map.of("processDefinitionKey", "no-such-journey"))).isEqualTo("processDefinitionKey: no process no-such-journey is deployed");
    assertThat(error(Map.of("processDefinitionKey", key, "fromVersion", 2))).isEqualTo("fromVersion: must be older than the version moved to (2)");
    assertThat(error(Map.of("processDefinitionKey", key, "toVersion", 7))).isEqualTo("toVersion: " + key + " has no version 7");
    assertThat(error(Map.of("processDefinitionKey", key, "processInstanceIds", List.of("nope"))))
        .isEqualTo("processInstanceIds: [nope] are not running journeys of " + key + " on version(s) [1]");
    assertThat(error(Map.of("fromVersion", 1))).isEqualTo("processDefinitionKey: must not be blank");

    JsonNode refused = as(ADMIN).post("/api/journeys/migrations", Map.of("processDefinitionKey", key,
        "mappings", List.of(Map.of("source", "Task_Second", "target", "Task_Missing")))).expect(200).json();
    assertThat(refused.get("migratable").asInt()).isZero();
    assertThat(refused.get("sources").get(0).get("planErrors").toString()).contains("Task_Second").contains("Task_Missing");
    assertThat(as(CSM).post("/api/journeys/migrations", Map.of("processDefinitionKey", key)).status())
        .as("a CSM moves no journeys").isEqualTo(403);
    assertThat(as(ADMIN).get("/api/journeys/migrations/no-such-batch").status()).isEqualTo(404);
  }

  // -- helpers --------------------------------------------------------------------------------------

  /**
   * The tests' engine runs no job executor (tests drive jobs themselves): run the batch's due jobs —
   * seed, one per journey, monitor — as the executor would, then read the progress as a designer does.
   */
  private JsonNode runBatchJobs(String batch) {
    JsonNode definition = as(ADMIN).get("/engine-rest/batch/" + batch).json();
    for (String jobs : List.of("seedJobDefinitionId", "batchJobDefinitionId", "monitorJobDefinitionId")) {
      if (definition.hasNonNull(jobs)) {
        for (JsonNode job : as(ADMIN).get("/engine-rest/job?maxResults=200&jobDefinitionId=" + definition.get(jobs).asText()).expect(200).json()) {
          as(ADMIN).post("/engine-rest/job/" + job.get("id").asText() + "/execute", Map.of());
        }
      }
    }
    return as(ADMIN).get("/api/journeys/migrations/" + batch).expect(200).json();
  }

  private String error(Map<String, Object> request) {
    JsonNode problem = as(ADMIN).post("/api/journeys/migrations", request).expect(400).json();
    JsonNode first = problem.get("errors").get(0);
    return first.get("field").asText() + ": " + first.get("message").asText();
  }

  private void deploy(String bpmn) {
    as(ADMIN).postMultipart("/engine-rest/deployment/create", key + ".bpmn", bpmn.getBytes()).expect(200);
  }

  private String start(String businessKey) {
    return as(ADMIN).post("/engine-rest/process-definition/key/" + key + "/start", Map.of("businessKey", businessKey))
        .expect(200).json().get("id").asText();
  }

  private void complete(String journey, String taskKey) {
    JsonNode tasks = as(ADMIN).get("/engine-rest/task?maxResults=200&processInstanceId=" + journey + "&taskDefinitionKey=" + taskKey).expect(200).json();
    assertThat(tasks).as("open %s of %s", taskKey, journey).hasSize(1);
    as(ADMIN).post("/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete", Map.of()).expect(204);
  }

  private String openTask(String journey) {
    return as(ADMIN).get("/engine-rest/task?maxResults=200&processInstanceId=" + journey).expect(200).json().get(0).get("taskDefinitionKey").asText();
  }

  private int versionOf(String journey) {
    String definition = as(ADMIN).get("/engine-rest/process-instance/" + journey).expect(200).json().get("definitionId").asText();
    return as(ADMIN).get("/engine-rest/process-definition/" + definition).expect(200).json().get("version").asInt();
  }

  private static String version1(String key) {
    return process(key, """
        <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_First" />
        <bpmn:userTask id="Task_First" name="First" camunda:candidateGroups="csm" />
        <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_First" targetRef="Task_Second" />
        <bpmn:userTask id="Task_Second" name="Second" camunda:candidateGroups="csm" />
        <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Second" targetRef="Event_End" />""");
  }

  private static String version2(String key) {
    return process(key, """
        <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_First" />
        <bpmn:userTask id="Task_First" name="First" camunda:candidateGroups="csm" />
        <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_First" targetRef="Task_Review" />
        <bpmn:userTask id="Task_Review" name="Review" camunda:candidateGroups="cs-lead" />
        <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_Review" targetRef="Task_SecondRenamed" />
        <bpmn:userTask id="Task_SecondRenamed" name="Second, renamed" camunda:candidateGroups="csm" />
        <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_SecondRenamed" targetRef="Event_End" />""");
  }

  private static String process(String key, String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="https://example.com">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="Event_Start" />
            %s
            <bpmn:endEvent id="Event_End" />
          </bpmn:process>
        </bpmn:definitions>""".formatted(key, body);
  }
}

package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.processes.StepRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Drives journeys through the engine REST API, the way handoff-service and Tasklist do. */
public class Journeys {

  private final Api api;

  public Journeys(Api api) {
    this.api = api;
  }

  /** Starts customer-onboarding by the HandoffSubmitted message; returns the process instance id. */
  public String submitHandoff(String handoffId, String segment, Map<String, Object> crmIds) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("handoffId", var(handoffId, "String"));
    variables.put("accountName", var("Acme " + handoffId, "String"));
    variables.put("segment", var(segment, "String"));
    variables.put("arr", var(40_000.0, "Double"));
    variables.put("productCount", var(1, "Integer"));
    variables.put("goals", var("Halve time to first report", "String"));
    crmIds.forEach((name, value) -> variables.put(name, value instanceof List<?> list ? var(toJson(list), "Json")
        : value instanceof Integer ? var(value, "Integer") : value instanceof Double ? var(value, "Double") : var(value, "String")));
    JsonNode result = api.post("/engine-rest/message", Map.of("messageName", "HandoffSubmitted",
        "businessKey", handoffId, "processVariables", variables, "resultEnabled", true)).expect(200).json();
    return result.get(0).get("processInstance").get("id").asText();
  }

  public String startProcess(String key, String businessKey, Map<String, Object> stringVariables) {
    Map<String, Object> variables = new LinkedHashMap<>();
    stringVariables.forEach((k, v) -> variables.put(k, var(v, "String")));
    return api.post("/engine-rest/process-definition/key/" + key + "/start",
        Map.of("businessKey", businessKey, "variables", variables)).expect(200).json().get("id").asText();
  }

  public JsonNode openTask(String processInstanceId, String taskKey) {
    JsonNode tasks = api.get("/engine-rest/task?maxResults=200&processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + taskKey)
        .expect(200).json();
    assertThat(tasks).as("open task %s of %s", taskKey, processInstanceId).hasSize(1);
    return tasks.get(0);
  }

  /** Completes the task with what its form requires ({@link StepRecords}) and {@code variables} on top. */
  public void complete(String processInstanceId, String taskKey, Map<String, Object> variables) {
    Map<String, Object> recorded = new LinkedHashMap<>(StepRecords.of(taskKey,       // the day the engine's clock says
        java.time.LocalDate.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant(), java.time.ZoneOffset.UTC)));
    recorded.putAll(variables);
    completeWith(processInstanceId, taskKey, recorded).expect(204);
  }

  public void complete(String processInstanceId, String taskKey) {
    complete(processInstanceId, taskKey, Map.of());
  }

  /** Completes the task with exactly {@code variables}; the engine's answer. */
  public Api.Response completeWith(String processInstanceId, String taskKey, Map<String, Object> variables) {
    String taskId = openTask(processInstanceId, taskKey).get("id").asText();
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((k, v) -> typed.put(k, var(v, v instanceof Boolean ? "Boolean" : v instanceof Integer ? "Integer" : "String")));
    return api.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", typed));
  }

  /** Works the open marketing-journey tasks (plays) of a journey as a connector would. */
  public void completeMarketingPlay(String processInstanceId) {
    String businessKey = api.get("/engine-rest/process-instance/" + processInstanceId).expect(200).json()
        .get("businessKey").asText();
    JsonNode locked = api.post("/engine-rest/external-task/fetchAndLock", Map.of("workerId", "test-eloqua", "maxTasks", 10,
        "topics", List.of(Map.of("topicName", "marketing-journey", "lockDuration", 60_000,
            "businessKey", businessKey)))).expect(200).json();
    assertThat(locked).as("open plays").isNotEmpty();
    locked.forEach(play -> api.post("/engine-rest/external-task/" + play.get("id").asText() + "/complete",
        Map.of("workerId", "test-eloqua")).expect(204));
  }

  public void correlate(String message, String businessKey) {
    api.post("/engine-rest/message", Map.of("messageName", message, "businessKey", businessKey)).expect(204);
  }

  /** Accept → kickoff → setup → training → go-live → first value → adoption: the assisted path to STEADY_STATE. */
  public void runAssistedToSteadyState(String pi) {
    complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    completeMarketingPlay(pi);
    for (String task : List.of("Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
        "Task_DeliverEndUserTraining", "Task_ConfirmGoLive", "Task_ConfirmFirstValue")) {
      complete(pi, task);
    }
    completeMarketingPlay(pi);
    complete(pi, "Task_ReviewAdoption");
  }

  static Map<String, Object> var(Object value, String type) {
    return Map.of("value", value, "type", type);
  }

  private static String toJson(List<?> list) {
    return "[" + String.join(",", list.stream().map(v -> "\"" + v + "\"").toList()) + "]";
  }
}

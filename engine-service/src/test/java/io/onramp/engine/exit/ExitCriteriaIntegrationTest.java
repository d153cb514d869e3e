package io.onramp.engine.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.engine.Api;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.engine.Journeys;
import io.onramp.processes.StepRecords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A step's exit criteria are the engine's: its form's required fields and the designer's declared ones, whatever the client. */
class ExitCriteriaIntegrationTest extends EngineIntegrationTest {

  /** The required fields of each form, read off processes/forms by hand (not computed by the code under test). */
  static final Map<String, List<String>> REQUIRED = Map.ofEntries(
      Map.entry("Task_ReviewHandoff", List.of("handoffAccepted")),
      Map.entry("Task_HoldKickoffCall", List.of("kickoffHeldOn", "kickoffNotes")),
      Map.entry("Task_CompleteTechnicalSetup", List.of("setupNotes")),
      Map.entry("Task_ConfigureIntegrations", List.of("setupNotes")),
      Map.entry("Task_MigrateData", List.of("setupNotes")),
      Map.entry("Task_ConfigureWorkspace", List.of("setupNotes")),
      Map.entry("Task_DeliverAdminTraining", List.of("trainingAttendees")),
      Map.entry("Task_DeliverEndUserTraining", List.of("trainingAttendees")),
      Map.entry("Task_ConfirmGoLive", List.of("confirmedGoLiveDate")),
      Map.entry("Task_ConfirmFirstValue", List.of("firstValueReachedOn", "firstValueEvidence")),
      Map.entry("Task_VerifyActivation", List.of("activationConfirmed", "activationEvidence")),
      Map.entry("Task_ReviewAdoption", List.of("activeUsers")),
      Map.entry("Task_EscalateStalledStep", List.of("rescueAction")));

  @Autowired
  RepositoryService repository;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl configuration;

  @Test
  void shouldRefuseEveryStepOfTheAssistedJourneyWithoutWhatItsFormRequiresAndAdvanceWithIt() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of());
    for (String step : List.of("Task_ReviewHandoff", "Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
        "Task_ConfirmGoLive", "Task_ConfirmFirstValue", "Task_ReviewAdoption")) {
      assertRefusedNaming(journeys.completeWith(pi, step, Map.of()), step, REQUIRED.get(step));
      journeys.openTask(pi, step);                                          // nothing advanced
      journeys.complete(pi, step);
      if (step.equals("Task_DeliverAdminTraining")) {
        // end-user training shares the training form: what the journey already holds counts, as Tasklist shows it pre-filled
        assertThat(journeys.completeWith(pi, "Task_DeliverEndUserTraining", Map.of()).status()).isEqualTo(204);
      }
      if (step.equals("Task_ReviewHandoff") || step.equals("Task_DeliverAdminTraining")) {
        journeys.completeMarketingPlay(pi);
      }
    }
    assertThat(as(ADMIN).get("/api/onboardings/" + pi).expect(200).json().get("stage").asText()).isEqualTo("STEADY_STATE");
  }

  @Test
  void shouldRefuseTheEnterpriseSelfServeAndRescueStepsWithoutWhatTheirFormsRequire() {
    Journeys journeys = new Journeys(as(ADMIN));
    String enterprise = journeys.submitHandoff("H-" + UUID.randomUUID(), "enterprise", Map.of("arr", 300_000.0, "productCount", 2));
    journeys.complete(enterprise, "Task_ReviewHandoff");
    journeys.complete(enterprise, "Task_HoldKickoffCall");
    for (String step : List.of("Task_ConfigureIntegrations", "Task_MigrateData", "Task_ConfigureWorkspace")) {
      assertRefusedNaming(journeys.completeWith(enterprise, step, Map.of()), step, REQUIRED.get(step));
    }
    as(ADMIN).post("/engine-rest/job/" + job(enterprise, "Event_MigrateDataOverdue") + "/execute", "").expect(204);
    assertRefusedNaming(journeys.completeWith(enterprise, "Task_EscalateStalledStep", Map.of()), "Task_EscalateStalledStep",
        REQUIRED.get("Task_EscalateStalledStep"));
    journeys.complete(enterprise, "Task_EscalateStalledStep");

    String selfServe = journeys.submitHandoff("H-" + UUID.randomUUID(), "self-serve", Map.of("arr", 3_000.0));
    journeys.complete(selfServe, "Task_ReviewHandoff");
    as(ADMIN).post("/engine-rest/job/" + job(selfServe, "Event_ActivationOverdue") + "/execute", "").expect(204);
    assertRefusedNaming(journeys.completeWith(selfServe, "Task_VerifyActivation", Map.of()), "Task_VerifyActivation",
        REQUIRED.get("Task_VerifyActivation"));
    journeys.complete(selfServe, "Task_VerifyActivation");
  }

  @Test
  void shouldNameOnlyWhatIsMissingAndCountABlankAnswerAsMissing() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of());
    journeys.complete(pi, "Task_ReviewHandoff");

    Api.Response refused = journeys.completeWith(pi, "Task_HoldKickoffCall", Map.of("kickoffHeldOn", "2026-12-01", "kickoffNotes", "  "));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(message(refused)).contains("kickoffNotes (Kickoff notes (agreed plan, owners, open questions))")
        .doesNotContain("kickoffHeldOn");
  }

  @Test
  void shouldHoldADesignersOwnBpmnToItsFormAndToTheVariablesItDeclaresWithoutCode() {
    String key = "designer-" + UUID.randomUUID().toString().substring(0, 8);
    repository.createDeployment().name(key)
        .addString(key + ".bpmn", designerBpmn(key))
        .addString(key + "-approval.form", """
            {"id":"%s-approval","type":"default","schemaVersion":16,"components":[
              {"type":"textfield","key":"contractNumber","label":"Contract number","validate":{"required":true}},
              {"type":"checkbox","key":"optIn","label":"Newsletter"},
              {"type":"textfield","key":"onlyIfRenewal","label":"Old contract","conditional":{"hide":"=not(renewal)"},
               "validate":{"required":true}}]}""".formatted(key))
        .deploy();
    String pi = runtime.startProcessInstanceByKey(key).getId();
    String approve = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();

    Api.Response rest = as(ADMIN).post("/engine-rest/task/" + approve + "/complete", Map.of("variables", Map.of()));
    assertThat(rest.status()).isEqualTo(400);
    assertThat(message(rest)).contains("contractNumber (Contract number)").doesNotContain("optIn").doesNotContain("onlyIfRenewal");
    assertThat(json(rest).at("/errors/0/field").asText()).isEqualTo("contractNumber");
    assertThat(json(rest).at("/errors/0/message").asText()).isEqualTo("required by the form: Contract number");
    Api.Response form = as(ADMIN).post("/engine-rest/task/" + approve + "/submit-form", Map.of("variables", Map.of()));
    assertThat(form.status()).as("Tasklist's submit-form door: " + form.body()).isEqualTo(400);
    assertThatThrownBy(() -> tasks.complete(approve)).as("the Java API too").isInstanceOf(ExitCriteriaNotMet.class)
        .hasMessageContaining("contractNumber");

    assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
      context.getTaskManager().findTaskById(approve).complete();           // a path no command check knows: the task's own listener
      return null;
    })).hasRootCauseInstanceOf(ExitCriteriaNotMet.class).hasStackTraceContaining("contractNumber");
    assertThat(tasks.createTaskQuery().taskId(approve).count()).as("still open").isOne();

    tasks.complete(approve, Map.of("contractNumber", "C-1042"));
    String sign = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
    assertThatThrownBy(() -> tasks.complete(sign)).isInstanceOf(ExitCriteriaNotMet.class)
        .hasMessageContaining("signedBy").hasMessageContaining("countersignedBy");
    tasks.complete(sign, new HashMap<>(Map.of("signedBy", "Dana", "countersignedBy", "Lee")));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).as("the designer's journey ended").isZero();
  }

  private static String designerBpmn(String key) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="d" targetNamespace="http://onramp.io/test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
            <bpmn:userTask id="approve" name="Approve contract" camunda:formRef="%1$s-approval" camunda:formRefBinding="deployment"/>
            <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="sign"/>
            <bpmn:userTask id="sign" name="Sign">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="onramp.exit.required" value="signedBy, countersignedBy"/>
              </camunda:properties></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>""".formatted(key);
  }

  private String job(String pi, String activity) {
    JsonNode jobs = as(ADMIN).get("/engine-rest/job?maxResults=5&processInstanceId=" + pi + "&activityId=" + activity).expect(200).json();
    assertThat(jobs).as("timer %s of %s", activity, pi).isNotEmpty();
    return jobs.get(0).get("id").asText();
  }

  private static void assertRefusedNaming(Api.Response response, String step, List<String> fields) {
    assertThat(response.status()).as("%s without its fields: %s", step, response.body()).isEqualTo(400);
    assertThat(message(response)).as(step).contains("exit criteria").contains(fields);
    JsonNode problem = json(response);
    assertThat(problem.get("title").asText()).isEqualTo("Exit criteria not met");
    List<String> named = new java.util.ArrayList<>();
    problem.get("errors").forEach(error -> named.add(error.get("field").asText()));
    assertThat(named).as("the problem's errors for %s", step).containsExactlyInAnyOrderElementsOf(fields);
    assertThat(StepRecords.of(step).keySet()).as("the records the tests and the demo complete %s with", step).containsAll(fields);
  }

  private static String message(Api.Response response) {
    return json(response).path("message").asText();
  }

  private static JsonNode json(Api.Response response) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}

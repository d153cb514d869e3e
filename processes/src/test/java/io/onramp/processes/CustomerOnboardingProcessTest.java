package io.onramp.processes;

import static io.onramp.processes.CustomerOnboarding.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Deployment(resources = {
    "onramp/processes/customer-onboarding.bpmn", "onramp/processes/onboarding-plan.dmn",
    "onramp/processes/forms/review-handoff.form", "onramp/processes/forms/kickoff-call.form",
    "onramp/processes/forms/technical-setup.form", "onramp/processes/forms/training.form",
    "onramp/processes/forms/go-live.form", "onramp/processes/forms/first-value.form",
    "onramp/processes/forms/verify-activation.form", "onramp/processes/forms/adoption-review.form",
    "onramp/processes/forms/rescue-play.form", "onramp/processes/test/rescue-play-stub.bpmn"})
class CustomerOnboardingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .assertClassCoverageAtLeast(1.0)
      .build();

  ProcessEngine processEngine;
  final List<Object> healthChanges = new ArrayList<>();
  /** What the journey passed to each rescue play it called: "title / action". */
  final List<String> playsCalled = new ArrayList<>();

  @BeforeEach
  void registerHealthPlay() {
    // the health a step names itself, or the health table's turn (no input)
    Mocks.register("onrampHealth", (JavaDelegate) execution -> healthChanges.add(
        execution.getVariableLocal(HEALTH) != null ? execution.getVariableLocal(HEALTH) : "HEALTH_TABLE"));
    Mocks.register("onrampInsights", new Insights());
    Mocks.register("rescuePlayed", (JavaDelegate) execution -> playsCalled.add(execution.getVariable(RESCUE_TITLE) + " / "
        + execution.getVariable(RESCUE_ACTION) + " / " + execution.getProcessBusinessKey()));
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  @Test
  void shouldRunAssistedJourneyThroughEveryStageToSteadyState() {
    ProcessInstance journey = submitHandoff("assisted", 40_000, 1);

    acceptHandoff(journey);
    assertThat(externalTask("Task_RecordHandoffAccepted", journey).getTopicName()).isEqualTo(TOPIC_HANDOFF_REVIEW);
    complete(externalTask("Task_RecordHandoffAccepted", journey));  // handoff-service learns it, beside the journey
    complete(externalTask("Task_SendWelcome", journey));            // welcome play, beside the journey
    assertThat(journey).hasPassed("Task_SendWelcome", "Event_WelcomeSent", "Event_AcceptanceRecorded");
    completeTask(journey, "Task_HoldKickoffCall");
    completeTask(journey, "Task_CompleteTechnicalSetup");
    assertThat(runtimeService().getVariable(externalTask("Task_SendTrainingInvitation", journey).getExecutionId(), PLAY))
        .isEqualTo("TRAINING_INVITATION");
    complete(externalTask("Task_SendTrainingInvitation", journey));  // training invitation play, beside the journey
    completeTask(journey, "Task_DeliverAdminTraining");
    completeTask(journey, "Task_DeliverEndUserTraining");
    completeTask(journey, "Task_ConfirmGoLive");
    completeTask(journey, "Task_ConfirmFirstValue");
    assertThat(journey).hasPassed("Event_FirstValueReached", "Event_TrainingInvitationSent");
    assertThat(externalTask("Task_SendCsatSurvey", journey).getTopicName()).isEqualTo(TOPIC_MARKETING_JOURNEY);
    assertThat(runtimeService().getVariable(externalTask("Task_SendCsatSurvey", journey).getExecutionId(), PLAY)).isEqualTo("CSAT_SURVEY");
    complete(externalTask("Task_SendCsatSurvey", journey));
    completeTask(journey, "Task_ReviewAdoption");

    assertThat(journey).isEnded().hasPassedInOrder("Task_ReviewHandoff", "Gateway_Kickoff", "Task_HoldKickoffCall",
        "Gateway_SetupPath", "Task_DeliverAdminTraining", "Task_ConfirmGoLive", "Event_FirstValueReached",
        "Task_ReviewAdoption", "Event_SteadyState");
    assertThat(journey).hasNotPassed("Gateway_SetupFork", "Gateway_AwaitActivation");
    assertThat(healthChanges).isEmpty();
  }

  @Test
  void shouldReachSteadyStateWithoutWaitingForAMarketingPlayEloquaHasNotSent() {
    ProcessInstance journey = driveTo("Task_ReviewAdoption");  // no Eloqua worker: welcome, invitation and survey all open

    completeTask(journey, "Task_ReviewAdoption");

    assertThat(journey).isEnded().hasPassed("Event_SteadyState").hasNotPassed("Event_CsatSurveySent", "Event_WelcomeSent");
    assertThat(externalTaskService().createExternalTaskQuery().processInstanceId(journey.getId()).count())
        .as("the plays still open end with the journey (reported skipped)").isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Welcome", "TrainingInvitation", "CsatSurvey"})
  void shouldSkipAPlayNotSentWithinItsWindowAndCarryOn(String play) {
    ProcessInstance journey = driveTo(switch (play) {
      case "Welcome" -> "Task_HoldKickoffCall";
      case "TrainingInvitation" -> "Task_DeliverAdminTraining";
      default -> "Task_ReviewAdoption";
    });
    assertThat(journey).isWaitingAt("Task_Send" + play);

    execute(job("Event_" + play + "WindowPassed", journey));     // Eloqua was away for three days

    assertThat(journey).hasPassed("Event_" + play + "Skipped").hasNotPassed("Event_" + play + "Sent").isNotEnded();
    assertThat(externalTaskService().createExternalTaskQuery().processInstanceId(journey.getId())
        .activityId("Task_Send" + play).count()).as("nothing left for Eloqua to send late").isZero();
  }

  /** engine-service's {@code onrampInsights}: what the review form shows for customers like this one. */
  public static class Insights {
    public String customersLikeYou(org.camunda.bpm.engine.delegate.VariableScope journey) {
      return "customers like you reach first value in 3–4 weeks; n=42 (" + journey.getVariable("segment") + ")";
    }
  }

  @Test
  void shouldShowTheCsLeadWhatCustomersLikeThisOneTookWhenReviewingTheHandoff() {
    ProcessInstance journey = submitHandoff("assisted", 40_000, 1);

    assertThat(taskService().getVariable(task(journey).getId(), "customersLikeYou"))
        .isEqualTo("customers like you reach first value in 3–4 weeks; n=42 (assisted)");
  }

  @Test
  void shouldGiveTasksTheOwnersAndDueDatesOfThePlan() {
    ProcessInstance journey = submitHandoff("assisted", 40_000, 1);
    Task review = task(journey);
    assertThat(review).hasCandidateGroup("cs-lead").hasFormKey(null);
    assertThat(review.getDueDate()).isCloseTo(daysFromNow(2), 60_000);

    acceptHandoff(journey);
    Task kickoff = task("Task_HoldKickoffCall", journey);
    assertThat(kickoff).hasCandidateGroup("csm");
    assertThat(kickoff.getDueDate()).isCloseTo(daysFromNow(5), 60_000);
    assertThat(taskService().getVariable(kickoff.getId(), GOALS)).isEqualTo("Cut onboarding time by half (measured: median days to first report)");
  }

  @Test
  void shouldRunParallelSetupWorkstreamsForEnterprise() {
    ProcessInstance journey = submitHandoff("enterprise", 250_000, 4);
    acceptHandoff(journey);
    completeTask(journey, "Task_HoldKickoffCall");

    assertThat(journey).isWaitingAt("Task_ConfigureIntegrations", "Task_MigrateData", "Task_ConfigureWorkspace");
    assertThat(task("Task_MigrateData", journey)).hasCandidateGroup("implementation");
    completeTask(journey, "Task_ConfigureIntegrations");
    completeTask(journey, "Task_MigrateData");
    assertThat(journey).isWaitingAt("Task_ConfigureWorkspace").isNotWaitingAt("Task_DeliverAdminTraining");
    completeTask(journey, "Task_ConfigureWorkspace");

    assertThat(journey).isWaitingAt("Task_DeliverAdminTraining");
    assertThat(journey).hasNotPassed("Task_CompleteTechnicalSetup");
  }

  @Test
  void shouldLoopThroughRevisionsUntilTheCsLeadAccepts() {
    ProcessInstance journey = submitHandoff("assisted", 40_000, 1);

    complete(task(journey), withVariables(HANDOFF_ACCEPTED, false, REVISION_COMMENTS, "No executive sponsor"));
    assertThat(journey).isWaitingAt("Task_RecordRevisionRequest");    // handoff-service tells sales
    complete(externalTask("Task_RecordRevisionRequest", journey));
    assertThat(journey).isWaitingAt("Event_HandoffRevised");
    reviseHandoff(journey);
    complete(task(journey), withVariables(HANDOFF_ACCEPTED, false, REVISION_COMMENTS, "Goal 2 has no criterion"));
    complete(externalTask("Task_RecordRevisionRequest", journey));
    reviseHandoff(journey);
    assertThat(journey).isWaitingAt("Task_ReviewHandoff");
    acceptHandoff(journey);

    assertThat(journey).isWaitingAt("Task_HoldKickoffCall");
    assertThat(historicCount(journey, "Task_ReviewHandoff")).isEqualTo(3);
  }

  @Test
  void shouldSkipKickoffCallAndFinishWhenSelfServeProductIsActivated() {
    ProcessInstance journey = submitHandoff("self-serve", 3_000, 1);
    acceptHandoff(journey);

    assertThat(journey).isWaitingAt("Gateway_AwaitActivation", "Task_SendWelcome", "Task_RecordHandoffAccepted");
    runtimeService().createMessageCorrelation(MESSAGE_PRODUCT_ACTIVATED).processInstanceBusinessKey("H-1").correlate();

    assertThat(journey).hasPassed("Event_FirstValueReached").isWaitingAt("Task_ReviewAdoption");
    assertThat(journey).hasNotPassed("Task_HoldKickoffCall", "Gateway_SetupPath", "Task_VerifyActivation");
  }

  @Test
  void shouldMarkSelfServeAtRiskAndAskCsmToVerifyWhenActivationDoesNotCome() {
    ProcessInstance journey = submitHandoff("self-serve", 3_000, 1);
    acceptHandoff(journey);

    Job fallback = job("Event_ActivationOverdue", journey);
    assertThat(fallback.getDuedate()).isCloseTo(daysFromNow(14), 60_000);
    execute(fallback);

    assertThat(healthChanges).containsExactly("AT_RISK");
    assertThat(task("Task_VerifyActivation", journey)).hasCandidateGroup("csm");
    completeTask(journey, "Task_VerifyActivation");
    assertThat(journey).hasPassed("Event_FirstValueReached").isWaitingAt("Task_ReviewAdoption");
  }

  @Test
  void shouldNotReachFirstValueWhenTheCsmFindsTheCustomerHasNotActivatedAndWaitForTheSignalAgain() {
    ProcessInstance journey = submitHandoff("self-serve", 3_000, 1);
    acceptHandoff(journey);
    execute(job("Event_ActivationOverdue", journey));

    complete(task("Task_VerifyActivation", journey), withVariables("activationConfirmed", false,
        "activationEvidence", "No workspace yet; their admin is on leave until next week"));

    assertThat(journey).hasNotPassed("Event_FirstValueReached").isWaitingAt("Gateway_AwaitActivation");
    assertThat(job("Event_ActivationOverdue", journey)).as("the fallback comes again").isNotNull();
    runtimeService().createMessageCorrelation(MESSAGE_PRODUCT_ACTIVATED).processInstanceBusinessKey("H-1").correlate();
    assertThat(journey).hasPassed("Event_FirstValueReached").isWaitingAt("Task_ReviewAdoption");
  }

  @Test
  void shouldNotWaitForActivationThatCameAlready() {
    ProcessInstance journey = submitHandoff("self-serve", 3_000, 1);
    runtimeService().setVariable(journey.getId(), PRODUCT_ACTIVATED_AT, "2026-01-01T00:00:00Z");
    acceptHandoff(journey);

    assertThat(journey).hasPassed("Gateway_AlreadyActivated", "Event_FirstValueReached").hasNotPassed("Gateway_AwaitActivation")
        .isWaitingAt("Task_ReviewAdoption");
  }

  @Test
  void shouldStartTheRescuePlayForTheCsLeadWhenHealthGoesOffTrackWithoutStoppingTheJourney() {
    ProcessInstance journey = submitHandoff("assisted", 40_000, 1);
    acceptHandoff(journey);

    runtimeService().createMessageCorrelation(MESSAGE_HEALTH_AT_RISK).processInstanceId(journey.getId())
        .setVariable(HEALTH_REASON, "No login for over 7 days").correlate();

    Task rescue = task("Task_RescueHealth", journey);
    assertThat(rescue).hasCandidateGroup("cs-lead").hasName("Rescue: No login for over 7 days");
    assertThat(journey).isWaitingAt("Task_HoldKickoffCall");            // non-interrupting
    complete(rescue, withVariables("rescueAction", "ESCALATE"));
    assertThat(journey).hasPassed("Task_RunHealthRescuePlay", "Event_HealthRescued").isWaitingAt("Task_HoldKickoffCall");
    assertThat(playsCalled).containsExactly("Rescue: No login for over 7 days / ESCALATE / H-1");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Task_ReviewHandoff", "Task_HoldKickoffCall", "Task_CompleteTechnicalSetup",
      "Task_ConfigureIntegrations", "Task_MigrateData", "Task_ConfigureWorkspace", "Task_DeliverAdminTraining",
      "Task_DeliverEndUserTraining", "Task_ConfirmGoLive", "Task_ConfirmFirstValue", "Task_VerifyActivation",
      "Task_ReviewAdoption"})
  void shouldEscalateToCsLeadAndMarkAtRiskWhenAStepIsOverdue(String stalledTask) {
    ProcessInstance journey = driveTo(stalledTask);
    String stepName = task(stalledTask, journey).getName();

    execute(job(stalledTask.replace("Task_", "Event_") + "Overdue", journey));

    assertThat(healthChanges).as("the health table decides, with the overdue step").containsExactly("HEALTH_TABLE");
    Task rescue = task("Task_EscalateStalledStep", journey);
    assertThat(rescue).hasCandidateGroup("cs-lead").hasName("Rescue stalled step: " + stepName);
    assertThat(journey).isWaitingAt(stalledTask);        // non-interrupting: the step stays open
    complete(rescue, withVariables("rescueAction", "NUDGE"));
    assertThat(journey).hasPassed("Task_RunRescuePlay", "Event_RescueHandled").isWaitingAt(stalledTask);
    assertThat(playsCalled).containsExactly("Rescue stalled step: " + stepName + " / NUDGE / H-1");
  }

  @ParameterizedTest(name = "cancelled while at {0}")
  @ValueSource(strings = {"Task_ReviewHandoff", "Event_HandoffRevised", "Task_ConfigureWorkspace",
      "Gateway_AwaitActivation", "Task_ReviewAdoption"})
  void shouldEndCancelledFromAnywhere(String waitingAt) {
    ProcessInstance journey = driveTo(waitingAt);

    runtimeService().createMessageCorrelation(MESSAGE_CUSTOMER_CANCELLED).processInstanceBusinessKey("H-1").correlate();

    assertThat(journey).isEnded().hasPassed("Event_Cancelled").hasNotPassed("Event_SteadyState");
  }

  // -- driving the journey ---------------------------------------------------------------------

  private ProcessInstance driveTo(String activity) {
    boolean selfServe = activity.equals("Task_VerifyActivation") || activity.equals("Gateway_AwaitActivation");
    boolean enterprise = List.of("Task_ConfigureIntegrations", "Task_MigrateData", "Task_ConfigureWorkspace").contains(activity);
    ProcessInstance journey = selfServe ? submitHandoff("self-serve", 3_000, 1)
        : enterprise ? submitHandoff("enterprise", 300_000, 2) : submitHandoff("assisted", 40_000, 1);
    if (activity.equals("Event_HandoffRevised")) {
      complete(task(journey), withVariables(HANDOFF_ACCEPTED, false));
      complete(externalTask("Task_RecordRevisionRequest", journey));
      return journey;
    }
    List<String> path = selfServe ? List.of("Task_ReviewHandoff")
        : List.of("Task_ReviewHandoff", "Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
            "Task_DeliverEndUserTraining", "Task_ConfirmGoLive", "Task_ConfirmFirstValue", "Task_ReviewAdoption");
    for (String step : path) {
      if (step.equals(activity) || (enterprise && step.equals("Task_CompleteTechnicalSetup"))) {
        break;
      }
      if (step.equals("Task_ReviewHandoff")) {
        acceptHandoff(journey);
      } else {
        completeTask(journey, step);
      }
    }
    if (activity.equals("Task_VerifyActivation")) {
      execute(job("Event_ActivationOverdue", journey));
      healthChanges.clear();
    }
    assertThat(journey).isWaitingAt(activity);
    return journey;
  }

  private ProcessInstance submitHandoff(String segment, double arr, int products) {
    Map<String, Object> variables = withVariables(
        JourneyVariables.HANDOFF_ID, "H-1", JourneyVariables.ACCOUNT_NAME, "Acme Corp", JourneyVariables.SEGMENT, segment,
        ARR, arr, PRODUCT_COUNT, products,
        GOALS, "Cut onboarding time by half (measured: median days to first report)",
        STAKEHOLDERS, "Executive sponsor: Ada Lovelace <ada@acme.example>",
        TARGET_GO_LIVE_DATE, "2027-03-01");
    ProcessInstance journey = runtimeService().createMessageCorrelation(MESSAGE_HANDOFF_SUBMITTED)
        .processInstanceBusinessKey("H-1").setVariables(variables).correlateStartMessage();
    assertThat(journey).isStarted().hasPassed("Task_PlanJourney").isWaitingAt("Task_ReviewHandoff");
    return journey;
  }

  private void acceptHandoff(ProcessInstance journey) {
    processEngine.getIdentityService().setAuthenticatedUserId("lee-cs-lead");
    try {
      complete(task("Task_ReviewHandoff", journey), withVariables(HANDOFF_ACCEPTED, true));
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
    assertThat(journey).variables().containsEntry(HANDOFF_REVIEWED_BY, "lee-cs-lead");
  }

  private void reviseHandoff(ProcessInstance journey) {
    runtimeService().createMessageCorrelation(MESSAGE_HANDOFF_REVISED).processInstanceBusinessKey("H-1").correlate();
  }

  /** Completes the step with what its form requires, as a CSM does in Tasklist. */
  private void completeTask(ProcessInstance journey, String taskKey) {
    assertThat(journey).isWaitingAt(taskKey);
    complete(task(taskKey, journey), StepRecords.of(taskKey));
  }

  private long historicCount(ProcessInstance journey, String activity) {
    return processEngine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(journey.getId()).activityId(activity).count();
  }

  private static Date daysFromNow(int days) {
    return new Date(System.currentTimeMillis() + days * 86_400_000L);
  }
}

package io.onramp.processes;

import static io.onramp.processes.CustomerOnboarding.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of the rescue play (processes/rescue-play.bpmn): what each play the CS lead picks does. */
@Deployment(resources = {"onramp/processes/rescue-play.bpmn", "onramp/processes/forms/escalation.form"})
class RescuePlayProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .assertClassCoverageAtLeast(1.0)
      .build();

  /** The plays' effects, in order: "nudge", "reassign to X", "inform sales: subject". */
  final List<String> done = new ArrayList<>();

  @BeforeEach
  void registerPlays() {
    Mocks.register("onrampNudge", (JavaDelegate) execution -> done.add("nudge " + execution.getVariable(STALLED_TASK_KEY)));
    Mocks.register("onrampReassign", (JavaDelegate) execution -> done.add("reassign to " + execution.getVariable(REASSIGN_TO)));
    Mocks.register("onrampInform", (JavaDelegate) execution -> done.add("inform " + execution.getVariable("informed") + ": "
        + execution.getVariable("subject")));
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  @Test
  void shouldNudgeTheStepsOwnerAndEnd() {
    ProcessInstance play = play("NUDGE", "assisted", Map.of(STALLED_TASK_KEY, "Task_HoldKickoffCall"));

    assertThat(done).containsExactly("nudge Task_HoldKickoffCall");
    assertThat(play).isEnded().hasPassed("Task_NudgeOwner", "Event_OwnerNudged");
  }

  @Test
  void shouldReassignTheStepToTheNamedPersonAndEnd() {
    ProcessInstance play = play("REASSIGN", "assisted", Map.of(REASSIGN_TO, "ivy"));

    assertThat(done).containsExactly("reassign to ivy");
    assertThat(play).isEnded().hasPassed("Task_ReassignStep", "Event_StepReassigned");
  }

  @Test
  void shouldEscalateToTheCsLeadAndTellTheAccountExecutive() {
    ProcessInstance play = play("ESCALATE", "assisted", Map.of());

    assertThat(done).containsExactly("inform sales: Escalated: Rescue stalled step: Hold kickoff call");
    assertThat(task("Task_HandleEscalation", play)).hasCandidateGroup("cs-lead")
        .hasName("Escalation: Rescue stalled step: Hold kickoff call");
    complete(task("Task_HandleEscalation", play), withVariables("escalationOutcome", "Sponsor re-committed to the plan"));
    assertThat(play).isEnded().hasPassed("Event_AccountExecutiveTold", "Event_EscalationHandled")
        .hasNotPassed("Task_HoldExecutiveCheckpoint");
  }

  @Test
  void shouldHoldAnExecutiveCheckpointAfterAnEnterpriseEscalation() {
    ProcessInstance play = play("ESCALATE", "enterprise", Map.of());
    complete(task("Task_HandleEscalation", play), withVariables("escalationOutcome", "Call with the sponsor booked"));

    assertThat(task("Task_HoldExecutiveCheckpoint", play)).hasCandidateGroup("cs-lead").hasName("Executive checkpoint: Acme Corp");
    complete(task("Task_HoldExecutiveCheckpoint", play), withVariables("escalationOutcome", "Sponsor agreed the go-live date"));
    assertThat(play).isEnded().hasPassed("Event_CheckpointHeld").hasNotPassed("Event_EscalationHandled");
  }

  private static ProcessInstance play(String action, String variant, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(more);
    variables.put(RESCUE_ACTION, action);
    variables.put(RESCUE_TITLE, "Rescue stalled step: Hold kickoff call");
    variables.put(JourneyVariables.ACCOUNT_NAME, "Acme Corp");
    variables.put("plan", new HashMap<>(Map.of("variant", variant.toUpperCase().replace('-', '_'))));
    return runtimeService().startProcessInstanceByKey(RESCUE_PLAY_ID, "H-1", variables);
  }
}

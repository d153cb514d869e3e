package io.onramp.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One onboarding driven the way people drive it, watched in the CRM sandbox: {@code crmStage} reads
 * the stage the CRM record shows now (null while it shows none).
 */
final class Journey {

  /**
   * Every stage the assisted journey enters, in order, as written in the BPMN (not computed by the code
   * under test): what a CRM record's stage history must show, once each.
   */
  static final List<String> STAGES = List.of("HANDOFF", "KICKOFF", "SETUP", "TRAINING", "GO_LIVE", "FIRST_VALUE", "ADOPTION",
      "STEADY_STATE");
  /** The stages it rests in: FIRST_VALUE is a milestone event, left for ADOPTION in the same transaction. */
  static final List<String> RESTING = STAGES.stream().filter(stage -> !stage.equals("FIRST_VALUE")).toList();
  /** The steps of the assisted journey after the review, in order: the CSM's, and the technical setup by implementation. */
  static final List<String> STEPS = List.of("Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
      "Task_DeliverEndUserTraining", "Task_ConfirmGoLive", "Task_ConfirmFirstValue", "Task_ReviewAdoption");
  static final Duration STEP = Duration.ofSeconds(90);

  final Platform platform;
  final String handoffId;
  final Function<JsonNode, String> crmStage;
  final List<String> stagesSeen = new ArrayList<>();

  Journey(Platform platform, String handoffId, Function<JsonNode, String> crmStage) {
    this.platform = platform;
    this.handoffId = handoffId;
    this.crmStage = crmStage;
  }

  /** The stage the engine holds for the onboarding now, or null before the journey has started (it starts through an outbox). */
  String engineStage() {
    Platform.Answer onboarding = platform.as("casey", "GET", "/api/onboardings/" + handoffId, null);
    return onboarding.status() == 404 ? null : onboarding.expect(200).json().path("stage").asText();
  }

  /** Waits until the CRM record shows the engine's current stage; returns it. */
  String awaitCrmShowsEngineStage() throws InterruptedException {
    String stage = Platform.await("the journey of " + handoffId, STEP, this::engineStage);
    Platform.await("the CRM to show stage " + stage + " of " + handoffId, STEP,
        () -> stage.equals(crmStage.apply(platform.sandboxState())));
    if (stagesSeen.isEmpty() || !stagesSeen.getLast().equals(stage)) {
      stagesSeen.add(stage);
    }
    return stage;
  }

  /** Waits until the journey has ended in STEADY_STATE (once the adoption review is done), then until the CRM shows it. */
  void awaitSteadyState() throws InterruptedException {
    Platform.await("the journey of " + handoffId + " to reach STEADY_STATE", STEP, () -> "STEADY_STATE".equals(engineStage()));
    awaitCrmShowsEngineStage();
  }

  void accept() throws InterruptedException {
    platform.accept(handoffId, STEP);
  }

  /** Who does a step in the assisted plan: ivy (implementation) the technical setup, casey (CSM) the rest. */
  static String owner(String step) {
    return step.equals("Task_CompleteTechnicalSetup") ? "ivy" : "casey";
  }

  /** The step's owner completes it in Tasklist's REST API. */
  void complete(String step) throws InterruptedException {
    platform.complete(owner(step), handoffId, step, Map.of(), STEP);
  }

  String processInstanceId() {
    return platform.as("otto", "GET", "/engine-rest/history/process-instance?maxResults=200&processInstanceBusinessKey=" + handoffId, null)
        .expect(200).json().get(0).get("id").asText();
  }

  /** Open incidents of the journey (as the Onramp admin sees them in Cockpit). */
  JsonNode incidents() {
    return platform.as("otto", "GET", "/engine-rest/incident?maxResults=200&processInstanceId=" + processInstanceId(), null).expect(200).json();
  }
}

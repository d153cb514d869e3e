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

  /** Every stage of the assisted journey, in order, as written in the BPMN (not computed by the code under test). */
  static final List<String> STAGES = List.of("HANDOFF", "KICKOFF", "SETUP", "TRAINING", "GO_LIVE", "FIRST_VALUE", "ADOPTION",
      "STEADY_STATE");
  /** The CSM's steps of the assisted journey after the review, in order. */
  static final List<String> CSM_STEPS = List.of("Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
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

  void accept() throws InterruptedException {
    platform.accept(handoffId, STEP);
  }

  /** The CSM completes one step; it must not be held up by anything downstream (the call answers 204 at once). */
  void csmCompletes(String step) throws InterruptedException {
    platform.complete("casey", handoffId, step, Map.of(), STEP);
  }

  String processInstanceId() {
    return platform.as("otto", "GET", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + handoffId, null)
        .expect(200).json().get(0).get("id").asText();
  }

  /** Open incidents of the journey (as the Onramp admin sees them in Cockpit). */
  JsonNode incidents() {
    return platform.as("otto", "GET", "/engine-rest/incident?processInstanceId=" + processInstanceId(), null).expect(200).json();
  }
}

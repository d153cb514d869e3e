package io.onramp.processes;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a CSM records when completing each user task of customer-onboarding: every field its form
 * requires (the engine refuses a completion without them), filled as a person would. Used by the
 * demo seed, the tests and the benchmarks, so they complete steps the way Tasklist does.
 */
public final class StepRecords {

  private StepRecords() {}

  /** The variables completing {@code taskKey} on {@code day} (a date field records that day); empty for a task without a form. */
  public static Map<String, Object> of(String taskKey, LocalDate day) {
    String date = day.toString();
    return switch (taskKey) {
      case "Task_ReviewHandoff" -> Map.of(CustomerOnboarding.HANDOFF_ACCEPTED, true);
      case "Task_HoldKickoffCall" -> Map.of("kickoffHeldOn", date, "kickoffNotes", "Agreed the plan, owners and dates with the sponsor");
      case "Task_CompleteTechnicalSetup", "Task_ConfigureIntegrations", "Task_MigrateData", "Task_ConfigureWorkspace" ->
          Map.of("setupNotes", "SSO configured, pipeline data connected");
      case "Task_DeliverAdminTraining", "Task_DeliverEndUserTraining" -> Map.of("trainingAttendees", 6);
      case "Task_ConfirmGoLive" -> Map.of("confirmedGoLiveDate", date);
      case "Task_ConfirmFirstValue" -> Map.of("firstValueReachedOn", date, "firstValueEvidence", "First board report sent on schedule");
      case "Task_VerifyActivation" -> Map.of("activationConfirmed", true, "activationEvidence", "Workspace created and first report scheduled");
      case "Task_ReviewAdoption" -> Map.of("activeUsers", 34);
      case "Task_EscalateStalledStep", "Task_RescueHealth" -> Map.of(CustomerOnboarding.RESCUE_ACTION, "NUDGE");
      case "Task_HandleEscalation", "Task_HoldExecutiveCheckpoint" -> Map.of("escalationOutcome", "Agreed next steps with the sponsor");
      default -> Map.of();
    };
  }

  public static Map<String, Object> of(String taskKey) {
    return of(taskKey, LocalDate.now());
  }
}

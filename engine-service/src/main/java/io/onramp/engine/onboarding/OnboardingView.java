package io.onramp.engine.onboarding;

import io.onramp.processes.Stage;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/onboardings/{id}}: where a journey is, how it got there, what is open, what the CRMs know. */
public record OnboardingView(String id, String businessKey, String processDefinitionKey, String accountName,
                             String segment, Stage stage, Health health, long version, Instant startedAt,
                             Instant firstValueAt, Instant endedAt, Long ttvDays, List<TimelineEntry> timeline,
                             List<OpenTask> openTasks, List<CrmSyncStatus> sync,
                             List<MarketingPlay> marketingPlays, List<HealthEntry> healthHistory, String accountable) {

  /**
   * A health change, oldest first: {@code cause} SIGNAL (product usage), DAILY (the daily check), STAGE (a stage entered),
   * SLA (a step's SLA passed) or MODEL (a step of the journey set it); {@code reason} is the health table's rule or the step.
   */
  public record HealthEntry(Health from, Health health, String reason, String cause, Instant at) {
  }

  /**
   * A stage and how long the journey stayed in it ({@code leftAt} null while it is still there). {@code enteredAt} is
   * the stage's business date — a step that records one (go-live, first value) dates its stage by it —, {@code
   * recordedAt} the moment the engine recorded the transition.
   */
  public record TimelineEntry(Stage stage, String activityId, Instant enteredAt, Instant leftAt, long durationSeconds,
                              Instant recordedAt) {
  }

  /**
   * An open step, the journey's own or a rescue play's it called. {@code consulted} and {@code informed} are the step's
   * RACI roles from the model ({@code onramp.raci.*}); Responsible is {@code candidateGroups}, Accountable the
   * onboarding's {@code accountable}.
   */
  public record OpenTask(String id, String name, String taskDefinitionKey, String assignee, List<String> candidateGroups,
                         Instant createdAt, Instant dueAt, boolean overdue, Instant followUpAt, List<String> consulted,
                         List<String> informed) {
  }

  /**
   * @param state         SYNCED (every row written), PENDING (work queued or retrying) or FAILED (an incident is open)
   * @param syncedVersion the newest onboarding version the CRM has confirmed
   * @param pending       rows waiting or retrying
   * @param failures      rows that failed, with the CRM's message
   */
  public record CrmSyncStatus(Crm crm, String state, Long syncedVersion, int pending, List<Failure> failures) {
  }

  public record Failure(String subject, String message, int attempts) {
  }

  /**
   * A marketing play beside the journey (Eloqua): {@code status} SENT, PENDING or SKIPPED, with the
   * reason when it did not go out. A missed play is reported, not sent late.
   */
  public record MarketingPlay(String activityId, String name, String status, Instant startedAt, Instant endedAt, String reason) {
  }
}

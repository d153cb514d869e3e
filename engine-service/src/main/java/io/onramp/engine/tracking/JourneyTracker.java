package io.onramp.engine.tracking;

import io.onramp.engine.health.HealthChanges;
import io.onramp.engine.onboarding.Crm;
import io.onramp.engine.onboarding.CrmLinks;
import io.onramp.engine.onboarding.Health;
import io.onramp.engine.onboarding.JourneyFacts;
import io.onramp.engine.onboarding.Onboarding;
import io.onramp.engine.onboarding.OnboardingRepository;
import io.onramp.engine.sync.SyncOutbox;
import io.onramp.processes.CustomerOnboarding;
import io.onramp.processes.JourneyVariables;
import io.onramp.processes.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Turns what happens in any journey into onboarding state and CRM sync work, inside the engine's
 * transaction: a stage entered, a health change, a user task created, assigned, completed or cancelled.
 */
@Component
class JourneyTracker {

  private static final Logger log = LoggerFactory.getLogger(JourneyTracker.class);
  /** Local variable of a rescue branch: the SLA breach it rescues. */
  static final String SLA_BREACH = "onrampSlaBreach";
  /** What the CS lead chose in a rescue task (form field of the rescue play). */
  static final String RESCUE_ACTION = "rescueAction";

  private final OnboardingRepository onboardings;
  private final SyncOutbox outbox;
  private final TaskSnapshots tasks;
  private final JourneyMeters meters;
  private final HealthChanges health;

  JourneyTracker(OnboardingRepository onboardings, SyncOutbox outbox, TaskSnapshots tasks, JourneyMeters meters,
                 @Lazy HealthChanges health) {
    this.onboardings = onboardings;
    this.outbox = outbox;
    this.tasks = tasks;
    this.meters = meters;
    this.health = health;
  }

  /** {@code dateVariable}: the variable with the stage's business date (null: the stage is dated now). */
  void enterStage(DelegateExecution execution, Stage stage, String dateVariable) {
    Instant now = ClockUtil.now().toInstant();
    JourneyFacts facts = facts(execution);
    Onboarding before = onboardings.lockOrCreate(facts, now);
    if (before.stage() == stage && !linksGrew(before, facts)) {
      return;
    }
    long version = onboardings.nextVersion(before.id(), now);
    if (before.stage() != stage) {
      Instant at = dated(execution, dateVariable, before.stageEnteredAt() != null ? before.stageEnteredAt() : before.startedAt(), now);
      onboardings.recordStage(before, stage, execution.getCurrentActivityId(), version, at, now);
      log.info("onboarding {} ({}) entered {} at {} ({})", before.id(), facts.businessKey(), stage, execution.getCurrentActivityId(), at);
      if (stage == Stage.FIRST_VALUE && before.firstValueAt() == null) {
        Instant won = before.closedWonAt() != null ? before.closedWonAt() : before.startedAt();
        meters.firstValueReached(facts.segment(), Duration.between(won, at));
      }
      health.reassessAfterCommit(before.id(), HealthChanges.Cause.STAGE);
    }
    facts.links().linked().forEach(crm -> outbox.onboardingChanged(crm, before.id(), version, now));
    if (before.stage() == null) {
      handoffSubmitted(facts, before.id(), version, now);
    }
  }

  /**
   * The journey starts when sales submits the handoff: the sales rep's CRM task "Complete the handoff" (put on
   * the deal by the connector when the deal was won, key {@code handoff-<handoff id>}) is done, through the
   * same task mirror as every journey task.
   */
  private void handoffSubmitted(JourneyFacts facts, String onboardingId, long version, Instant now) {
    Set<Crm> linked = facts.links().linked();
    linked.removeIf(crm -> !crm.mirrorsTasks());
    if (linked.isEmpty() || facts.businessKey() == null) {
      return;
    }
    String json = tasks.json(tasks.handoffDone(facts.businessKey(), now));
    linked.forEach(crm -> outbox.taskChanged(crm, onboardingId, "handoff-" + facts.businessKey(), version, json, now));
  }

  /**
   * The step that entered {@code stage} recorded its business date on completion: the stage is dated by
   * it (never before the stage it followed, never in the future), and the CRMs get the new dates.
   */
  void redateStage(DelegateExecution execution, Stage stage, String dateVariable) {
    Instant now = ClockUtil.now().toInstant();
    JourneyFacts facts = facts(execution);
    Onboarding onboarding = onboardings.lockOrCreate(facts, now);
    if (onboarding.stage() != stage || BusinessDate.parse(execution.getVariable(dateVariable)) == null) {
      return;
    }
    Instant at = dated(execution, dateVariable, onboardings.previousStageEnteredAt(onboarding.id()).orElse(onboarding.startedAt()), now);
    if (at.equals(onboarding.stageEnteredAt())) {
      return;
    }
    long version = onboardings.nextVersion(onboarding.id(), now);
    onboardings.redateStage(onboarding, at);
    log.info("onboarding {} ({}): {} dated {} as recorded in {}", onboarding.id(), facts.businessKey(), stage, at, dateVariable);
    facts.links().linked().forEach(crm -> outbox.onboardingChanged(crm, onboarding.id(), version, now));
  }

  /** The recorded business date, held between {@code notBefore} and {@code now}; {@code now} when none is recorded. */
  private static Instant dated(DelegateExecution execution, String dateVariable, Instant notBefore, Instant now) {
    Instant recorded = dateVariable == null ? null : BusinessDate.parse(execution.getVariable(dateVariable));
    if (recorded == null || recorded.isAfter(now)) {
      return now;
    }
    return notBefore != null && recorded.isBefore(notBefore) ? notBefore : recorded;
  }

  /** The model names the health itself (input {@code health} of {@code ${onrampHealth}}). */
  void changeHealth(DelegateExecution execution, Health value) {
    Instant now = ClockUtil.now().toInstant();
    Onboarding onboarding = onboardings.lockOrCreate(facts(execution), now);
    health.set(onboarding.id(), value, "set by " + execution.getCurrentActivityId(), HealthChanges.Cause.MODEL, now);
  }

  /** The health table decides ({@code ${onrampHealth}} without input {@code health}, as on an SLA's rescue branch). */
  void reassessHealth(DelegateExecution execution) {
    Instant now = ClockUtil.now().toInstant();
    Onboarding onboarding = onboardings.lockOrCreate(facts(execution), now);
    health.reassess(onboarding.id(), execution.getVariable(SLA_BREACH) != null ? HealthChanges.Cause.SLA : HealthChanges.Cause.MODEL, now);
  }

  /**
   * A step's SLA timer fired (a non-interrupting timer on a user task): recorded for the insights. The
   * breach's id stays on the rescue branch, so the rescue task completed there records the action chosen.
   */
  void slaBreached(DelegateExecution execution, String stepId) {
    Instant now = ClockUtil.now().toInstant();
    Onboarding onboarding = onboardings.lockOrCreate(facts(execution), now);
    execution.setVariableLocal(SLA_BREACH, onboardings.recordSlaBreach(onboarding.id(), stepId, now));
    execution.setVariableLocal(CustomerOnboarding.STALLED_TASK_KEY, stepId);          // the rescue play's target
    meters.slaBreached(stepId);
  }

  void taskChanged(TaskSnapshot task, DelegateExecution execution) {
    JourneyFacts facts = facts(execution);
    if (task.assignee() != null && task.candidateGroups().contains(JourneyProfile.csmGroup(execution))) {
      onboardings.recordCsm(facts.onboardingId(), task.assignee());
    }
    if (task.status() == TaskSnapshot.Status.COMPLETED && execution.getVariable(SLA_BREACH) instanceof Number breach
        && execution.getVariable(RESCUE_ACTION) != null) {
      onboardings.recordRescue(breach.longValue(), execution.getVariable(RESCUE_ACTION).toString());
    }
    Set<Crm> linked = facts.links().linked();
    linked.removeIf(crm -> !crm.mirrorsTasks());
    if (linked.isEmpty()) {
      return;                                   // not linked to a CRM with tasks: nothing to mirror
    }
    Instant now = ClockUtil.now().toInstant();
    Onboarding onboarding = onboardings.lockOrCreate(facts, now);
    long version = onboardings.nextVersion(onboarding.id(), now);
    String json = tasks.json(task);
    linked.forEach(crm -> outbox.taskChanged(crm, onboarding.id(), task.taskId(), version, json, now));
  }

  private static boolean linksGrew(Onboarding before, JourneyFacts facts) {
    return !before.links().linked().containsAll(facts.links().linked());
  }

  /** Facts of the root journey: a call activity's sub-process belongs to the onboarding that called it. */
  private static JourneyFacts facts(DelegateExecution execution) {
    ExecutionEntity root = ((ExecutionEntity) execution).getProcessInstance();
    while (root.getSuperExecution() != null) {
      root = root.getSuperExecution().getProcessInstance();
    }
    Object accountName = execution.getVariable(JourneyVariables.ACCOUNT_NAME);
    Object segment = execution.getVariable(JourneyVariables.SEGMENT);
    return new JourneyFacts(root.getId(), root.getBusinessKey(), root.getProcessDefinition().getKey(),
        accountName == null ? null : accountName.toString(), segment == null ? null : segment.toString(),
        ClockUtil.now().toInstant(), BusinessDate.parse(execution.getVariable(JourneyVariables.CLOSED_WON_AT)),
        CrmLinks.of(execution), JourneyProfile.of(execution));
  }
}

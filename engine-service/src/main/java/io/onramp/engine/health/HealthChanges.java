package io.onramp.engine.health;

import io.onramp.engine.onboarding.Health;
import io.onramp.engine.onboarding.Onboarding;
import io.onramp.engine.onboarding.OnboardingRepository;
import io.onramp.engine.sync.SyncOutbox;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place an onboarding's health changes: the change is recorded with what decided it (health history), the version
 * moves on and every linked CRM gets the new health through the outbox, all in the caller's transaction. When the health
 * table's verdict takes an onboarding off ON_TRACK, the journey's rescue play starts ({@link RescueStart}), except when an
 * SLA's own rescue branch is what asked.
 */
@Component
public class HealthChanges {

  /** What made health be looked at again. */
  public enum Cause { SIGNAL, DAILY, STAGE, SLA, MODEL }

  public record Change(String onboardingId, Health from, Health to, String reason, Cause cause, Instant at) {}

  private static final Logger log = LoggerFactory.getLogger(HealthChanges.class);

  private final OnboardingRepository onboardings;
  private final SyncOutbox outbox;
  private final HealthDecision decision;
  private final HealthHistory history;
  private final RescueStart rescue;
  private final TransactionTemplate fresh;

  HealthChanges(OnboardingRepository onboardings, SyncOutbox outbox, HealthDecision decision, HealthHistory history,
                RescueStart rescue, PlatformTransactionManager transactions) {
    this.onboardings = onboardings;
    this.outbox = outbox;
    this.decision = decision;
    this.history = history;
    this.rescue = rescue;
    this.fresh = new TransactionTemplate(transactions);
    this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Asks the health table again once the caller's transaction has committed, in a transaction of its own: a journey step
   * (a stage entered) sees its own tasks only after it commits. A failure is logged; the daily check looks again.
   */
  public void reassessAfterCommit(String onboardingId, Cause cause) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("health is reassessed after a transaction; none is active");
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        try {
          fresh.executeWithoutResult(s -> reassess(onboardingId, cause, ClockUtil.now().toInstant()));
        } catch (RuntimeException e) {
          log.warn("onboarding {}: health not reassessed after {} ({}); the daily check will", onboardingId, cause, e.toString());
        }
      }
    });
  }

  /** Asks the health table again; empty when the health stays (or the onboarding has ended). */
  public Optional<Change> reassess(String onboardingId, Cause cause, Instant now) {
    Optional<Onboarding> locked = onboardings.lock(onboardingId);
    if (locked.isEmpty()) {
      return Optional.empty();
    }
    return decision.decide(onboardingId, now, cause == Cause.SLA).flatMap(verdict -> {
      Optional<Change> change = apply(locked.get(), verdict.health(), verdict.reason(), cause, now);
      change.filter(c -> c.from() == Health.ON_TRACK && cause != Cause.SLA).ifPresent(rescue::start);
      return change;
    });
  }

  /** A health the model names itself (the {@code health} input of {@code ${onrampHealth}}). */
  public Optional<Change> set(String onboardingId, Health health, String reason, Cause cause, Instant now) {
    return onboardings.lock(onboardingId).flatMap(before -> apply(before, health, reason, cause, now));
  }

  private Optional<Change> apply(Onboarding before, Health health, String reason, Cause cause, Instant now) {
    if (before.health() == health) {
      return Optional.empty();
    }
    long version = onboardings.nextVersion(before.id(), now);
    onboardings.recordHealth(before.id(), health);
    Change change = new Change(before.id(), before.health(), health, reason, cause, now);
    history.record(change);
    log.info("onboarding {} health {} -> {} ({}: {})", before.id(), before.health(), health, cause, reason);
    before.links().linked().forEach(crm -> outbox.onboardingChanged(crm, before.id(), version, now));
    return Optional.of(change);
  }
}

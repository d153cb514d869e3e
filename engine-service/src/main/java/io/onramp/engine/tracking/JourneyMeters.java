package io.onramp.engine.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What journeys do, as it happens, on {@code /actuator/prometheus}: each onboarding reaching first value
 * ({@code onramp.onboarding.time.to.first.value{segment}}, a timer with buckets at the usual targets, 7
 * to 180 days) and each SLA breach ({@code onramp.onboarding.sla.breaches{step}}). Counted only when the
 * engine's transaction commits, so a retried step is counted once.
 */
@Component
class JourneyMeters {

  private static final Duration[] TARGETS = IntStream.of(7, 14, 21, 30, 45, 60, 90, 180).mapToObj(Duration::ofDays)
      .toArray(Duration[]::new);

  private final MeterRegistry registry;

  JourneyMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void firstValueReached(String segment, Duration sinceClosedWon) {
    afterCommit(() -> Timer.builder("onramp.onboarding.time.to.first.value")
        .description("closed-won (or the journey's start) to first value")
        .tag("segment", segment == null ? "none" : segment)
        .serviceLevelObjectives(TARGETS).minimumExpectedValue(Duration.ofHours(1)).maximumExpectedValue(Duration.ofDays(365))
        .register(registry).record(sinceClosedWon));
  }

  void slaBreached(String stepId) {
    afterCommit(() -> Counter.builder("onramp.onboarding.sla.breaches").description("SLA timers fired on user tasks")
        .tag("step", stepId).register(registry).increment());
  }

  private static void afterCommit(Runnable count) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      count.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        count.run();
      }
    });
  }
}

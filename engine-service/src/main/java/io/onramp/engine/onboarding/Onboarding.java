package io.onramp.engine.onboarding;

import io.onramp.processes.Stage;
import java.time.Duration;
import java.time.Instant;

/** One customer's journey: where it is, how it is doing, and which CRM records mirror it. */
public record Onboarding(String id, String businessKey, String processDefinitionKey, String accountName, String segment,
                         Stage stage, Health health, long version, Instant startedAt, Instant closedWonAt,
                         Instant stageEnteredAt, Instant goLiveAt, Instant firstValueAt, Instant endedAt, CrmLinks links) {

  /** Days from closed-won (or, without it, the journey's start) to first value; null until reached. */
  public Long timeToValueDays() {
    if (firstValueAt == null) {
      return null;
    }
    Instant from = closedWonAt != null ? closedWonAt : startedAt;
    return Duration.between(from, firstValueAt).toDays();
  }
}

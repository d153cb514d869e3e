package io.onramp.engine.health;

import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every health change of an onboarding with what decided it; {@code GET /api/onboardings/{id}} shows them. */
@Component
class HealthHistory {

  private final JdbcClient jdbc;

  HealthHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(HealthChanges.Change change) {
    jdbc.sql("""
        insert into onramp_health_change (onboarding_id, from_health, health, reason, cause, changed_at)
        values (?, ?, ?, ?, ?, ?)
        """).params(change.onboardingId(), change.from() == null ? null : change.from().name(), change.to().name(),
        change.reason(), change.cause().name(), Timestamp.from(change.at())).update();
  }
}

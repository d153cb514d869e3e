package io.onramp.connector.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.onramp.connector.limit.RequestBudget;
import java.time.Duration;
import java.time.Instant;

/**
 * The connector's Micrometer meters, tagged by CRM: items by outcome, lag from the change in the
 * journey to the CRM write, vendor calls by operation and status, failures by class, budget left.
 */
public class SyncMetrics {

  private final MeterRegistry registry;
  private final String crm;
  private final Timer lag;

  public SyncMetrics(MeterRegistry registry, String crm) {
    this.registry = registry;
    this.crm = crm;
    this.lag = Timer.builder("onramp.sync.lag").description("from the change in the journey to the CRM write")
        .tag("crm", crm).publishPercentiles(0.5, 0.95, 0.99).register(registry);
  }

  void item(Outcome outcome, Instant changedAt) {
    String name = outcome.getClass().getSimpleName().toLowerCase();
    Counter.builder("onramp.sync.items").tag("crm", crm).tag("outcome", name).register(registry).increment();
    if (outcome instanceof Outcome.Done && changedAt != null) {
      lag.record(Duration.between(changedAt, Instant.now()));
    }
  }

  void claimed(int count) {
    Counter.builder("onramp.sync.claimed").tag("crm", crm).register(registry).increment(count);
  }

  /** One call to the vendor: its operation (e.g. deals.batch.update) and the HTTP status (or "io" for no answer). */
  public void call(String operation, String status) {
    Counter.builder("onramp.crm.calls").tag("crm", crm).tag("operation", operation).tag("status", status)
        .register(registry).increment();
  }

  /** A failure by class: rate_limited, unavailable, auth, validation, not_found. */
  public void failure(String failureClass) {
    Counter.builder("onramp.crm.failures").tag("crm", crm).tag("class", failureClass).register(registry).increment();
  }

  public void budget(RequestBudget budget) {
    Gauge.builder("onramp.crm.budget.window.remaining", budget, RequestBudget::remainingInWindow).tag("crm", crm).register(registry);
    Gauge.builder("onramp.crm.budget.day.remaining", budget, RequestBudget::remainingToday).tag("crm", crm).register(registry);
  }
}

package io.onramp.engine.sync;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.onramp.engine.onboarding.Crm;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code onramp.sync.backlog{crm,state}}: rows waiting (pending) and failed per CRM, read from the
 * outbox when scraped; {@code onramp.sync.oldest.pending.seconds{crm}}: how long the oldest change has waited.
 */
@Component
class SyncBacklogMetrics implements MeterBinder {

  private final JdbcClient jdbc;

  SyncBacklogMetrics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Crm crm : Crm.values()) {
      for (String state : new String[] {"PENDING", "FAILED"}) {
        Gauge.builder("onramp.sync.backlog", () -> count(crm, state)).tag("crm", crm.id()).tag("state", state.toLowerCase())
            .description("sync rows per CRM and state").register(registry);
      }
      Gauge.builder("onramp.sync.oldest.pending.seconds", () -> oldestPendingSeconds(crm)).tag("crm", crm.id())
          .description("age of the oldest change not yet written to the CRM").register(registry);
    }
  }

  private long count(Crm crm, String state) {
    return jdbc.sql("select count(*) from onramp_sync_item where crm = ? and status = ?").params(crm.id(), state)
        .query(Long.class).single();
  }

  private double oldestPendingSeconds(Crm crm) {
    return jdbc.sql("select coalesce(extract(epoch from (now() - min(changed_at))), 0) from onramp_sync_item "
        + "where crm = ? and status = 'PENDING'").param(crm.id()).query(Double.class).single();
  }
}

package io.onramp.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.onramp.engine.Api;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.testing.BenchSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Product-usage ingestion as the product sends it: batches of 500 events (logins, active-user readings, key-feature use)
 * for 1,000 live onboardings, through HTTP with the full path — validation, the event store, the adoption summary and the
 * health table asked once per onboarding and batch. Prints events/s against a target of 1,000/s (a product flushing its
 * usage every minute for 60,000 accounts). Run with {@code ./onramp bench -pl engine-service}.
 */
@Tag("benchmark")
class UsageIngestionBenchmark extends EngineIntegrationTest {

  static final int ONBOARDINGS = 1_000;
  static final int BATCHES = 40;
  static final int BATCH = 500;
  static final double TARGET = 1_000;

  @Autowired
  JdbcClient jdbc;

  @Test
  void eventsPerSecondThroughTheApi() {
    jdbc.sql("""
        insert into onramp_onboarding (id, business_key, process_definition_key, account_name, segment, stage, health, version,
          started_at, closed_won_at, stage_entered_at, updated_at, hubspot_company_id)
        select 'usage-bench-' || i, 'HU-' || i, 'customer-onboarding', 'Account ' || i, 'MID', 'GO_LIVE', 'ON_TRACK', 1,
          now() - interval '20 days', now() - interval '20 days', now() - interval '3 days', now(), 'bench-co-' || i
        from generate_series(1, ?) i on conflict do nothing""").param(ONBOARDINGS).update();
    jdbc.sql("analyze").update();
    Api product = as(CONNECTOR);
    Instant now = ClockUtil.now().toInstant();
    String[] kinds = {"LOGIN", "ACTIVE_USERS", "KEY_FEATURE_USED", "LOGIN", "EMAIL_OPENED"};
    send(product, batch(0, now, kinds));                                        // warm-up
    List<Double> millis = new ArrayList<>();
    long started = System.nanoTime();
    for (int b = 1; b <= BATCHES; b++) {
      List<Map<String, Object>> events = batch(b, now, kinds);
      long t = System.nanoTime();
      send(product, events);
      millis.add((System.nanoTime() - t) / 1e6);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double perSecond = BATCHES * BATCH / seconds;
    millis.sort(Double::compare);
    System.out.printf("%nusage ingestion: %,d events in %d batches of %d for %,d onboardings in %.1f s: %,.0f events/s = %.2f × the "
        + "%,.0f/s target; a batch p50 %.0f ms, p95 %.0f ms%n", BATCHES * BATCH, BATCHES, BATCH, ONBOARDINGS, seconds, perSecond,
        perSecond / TARGET, TARGET, millis.get(BATCHES / 2), millis.get((int) Math.ceil(BATCHES * 0.95) - 1));
    BenchSummary.add(String.format("Usage ingestion    %,.0f events/s in batches of %d (target ≥ %,.0f/s), a batch p95 %.0f ms",
        perSecond, BATCH, TARGET, millis.get((int) Math.ceil(BATCHES * 0.95) - 1)));
    assertThat(jdbc.sql("select count(*) from onramp_usage_event where event_id like 'bench-%'").query(Long.class).single())
        .isEqualTo((long) (BATCHES + 1) * BATCH);
  }

  private static void send(Api product, List<Map<String, Object>> events) {
    assertThat(product.post("/api/usage/events", Map.of("events", events)).expect(200).json().get("accepted").asInt()).isEqualTo(BATCH);
  }

  /** 500 events: five for each of 100 onboardings, a different hundred each batch. */
  private static List<Map<String, Object>> batch(int b, Instant now, String[] kinds) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      int onboarding = 1 + (b * (BATCH / kinds.length) + i / kinds.length) % ONBOARDINGS;
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("eventId", "bench-" + b + "-" + i);
      event.put("hubspotCompanyId", "bench-co-" + onboarding);
      event.put("kind", kinds[i % kinds.length]);
      event.put("value", kinds[i % kinds.length].equals("ACTIVE_USERS") ? 5 + i % 20 : 1);
      event.put("occurredAt", now.minus(Duration.ofMinutes(i % 600)).toString());
      events.add(event);
    }
    return events;
  }
}

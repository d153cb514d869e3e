package io.onramp.connector.bench;

import io.onramp.connector.sync.ConnectorProperties;
import io.onramp.connector.sync.CrmWriter;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.SyncApi;
import io.onramp.connector.sync.SyncItem;
import io.onramp.connector.sync.SyncLoop;
import io.onramp.connector.sync.SyncMetrics;
import io.onramp.testing.EmbeddedPostgres;
import io.onramp.testing.ServiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drain benchmark's harness, the same for every CRM: a real engine-service (its jar, as its
 * own process) on embedded PostgreSQL, a backlog of stage transitions seeded as pending sync rows
 * linked to the CRM, and the connector's own sync loop draining it, timed by phase. Each connector
 * points it at its vendor stub and prints calls per transition and the share of the vendor's ceiling.
 */
public final class DrainBench implements AutoCloseable {

  /** Where the time went while draining. */
  public record Result(int drained, double seconds, double claimSeconds, double writeSeconds, double ackSeconds) {
    public double rate() {
      return drained / seconds;
    }
  }

  private final String jdbc;
  private final ServiceProcess engine;

  private DrainBench(String jdbc, ServiceProcess engine) {
    this.jdbc = jdbc;
    this.engine = engine;
  }

  /** Starts engine-service on embedded PostgreSQL and waits until it is ready. */
  public static DrainBench start() throws Exception {
    String jdbc = EmbeddedPostgres.jdbcUrl();
    ServiceProcess engine = ServiceProcess.start("bench-engine-service", Path.of("../../engine-service/target/engine-service.jar"),
        "ONRAMP_ENGINE_PORT", Map.of("ONRAMP_DB_URL", jdbc.replaceFirst("\\?.*$", ""), "ONRAMP_DB_USER", "postgres",
            "ONRAMP_DB_PASSWORD", ""), "--spring.profiles.active=local");
    return new DrainBench(jdbc, engine.awaitReady(Duration.ofSeconds(180)));
  }

  public String engineUrl() {
    return engine.url();
  }

  /** Connector arguments every benchmark needs: no background loop, this engine, the demo account. */
  public String[] connectorArgs(Map<String, String> properties) {
    Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("server.port", "0", "onramp.connector.enabled", "false",
        "onramp.connector.engine-url", engineUrl(), "onramp.connector.engine-user", "demo",
        "onramp.connector.engine-password", "demo", "onramp.connector.batch-size", "200"));
    all.putAll(properties);
    return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  /**
   * Seeds {@code count} onboardings at KICKOFF, linked to {@code crm} (hubspot, salesforce or eloqua),
   * each with one pending sync row for it.
   */
  public void seed(String crm, String prefix, int count) throws Exception {
    String link = switch (crm) {
      case "hubspot" -> "hubspot_deal_id, eloqua_contact_emails, eloqua_contact_roles) select (1000000 + g)::text, null, null";
      case "salesforce" -> "salesforce_opportunity_id, eloqua_contact_emails, eloqua_contact_roles) "
          + "select '006' || lpad(g::text, 12, '0') || 'AAA', null, null";
      case "eloqua" -> "hubspot_deal_id, eloqua_contact_emails, eloqua_contact_roles) select null, "
          + "'champion' || g || '@acme.example,admin' || g || '@acme.example', "
          + "'{\"champion' || g || '@acme.example\":\"CHAMPION\",\"admin' || g || '@acme.example\":\"ADMIN\"}'";
      default -> throw new IllegalArgumentException(crm);
    };
    String[] parts = link.split("\\) select ", 2);
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("""
          insert into onramp_onboarding (id, business_key, process_definition_key, account_name, segment, stage, health, version,
            started_at, stage_entered_at, updated_at, %3$s)
          select '%1$s-' || g, 'H-%1$s-' || g, 'customer-onboarding', 'Account ' || g, 'assisted', 'KICKOFF', 'ON_TRACK', 2,
            now(), now(), now(), %4$s
          from generate_series(1, %2$d) g""".formatted(prefix, count, parts[0], parts[1]));
      s.execute("""
          insert into onramp_sync_item (crm, subject, kind, onboarding_id, version, status, due_at, changed_at)
          select '%3$s', 'onboarding:%1$s-' || g, 'ONBOARDING', '%1$s-' || g, 2, 'PENDING', now(), now()
          from generate_series(1, %2$d) g""".formatted(prefix, count, crm));
      // autovacuum analyzes a backlog this size within a minute; measure that steady state, not a first minute's plans
      s.execute("analyze onramp_onboarding");
      s.execute("analyze onramp_sync_item");
    }
  }

  /** Rows of {@code prefix}'s seeded onboardings for {@code crm} not yet written (pending or leased). */
  public long unwritten(String crm, String prefix) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
         java.sql.PreparedStatement s = c.prepareStatement(
             "select count(*) from onramp_sync_item where crm = ? and onboarding_id like ? and status <> 'DONE'")) {
      s.setString(1, crm);
      s.setString(2, prefix + "-%");
      try (java.sql.ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * Drains everything due with the connector's own writer and its background rounds (the next claim and the last
   * acknowledgement overlapping the vendor calls), timing each phase; the phases' times may add up to more than the
   * run's because they overlap.
   */
  public Result drain(SyncApi api, CrmWriter writer, ConnectorProperties properties, SyncMetrics metrics) {
    Timed timed = new Timed(api, writer);
    SyncLoop loop = new SyncLoop(timed, timed, properties, metrics);
    long start = System.nanoTime();
    int drained = 0;
    for (int n; (n = loop.runPipelined(Duration.ZERO)) > 0; ) {
      drained += n;
    }
    loop.settle();
    return new Result(drained, (System.nanoTime() - start) / 1e9, timed.claim.get() / 1e9, timed.write.get() / 1e9,
        timed.ack.get() / 1e9);
  }

  @Override
  public void close() throws Exception {
    engine.close();
  }

  /** Wraps the sync API and the writer to see where the time goes. */
  private static final class Timed implements SyncApi, CrmWriter {
    final SyncApi api;
    final CrmWriter writer;
    final AtomicLong claim = new AtomicLong();
    final AtomicLong write = new AtomicLong();
    final AtomicLong ack = new AtomicLong();

    Timed(SyncApi api, CrmWriter writer) {
      this.api = api;
      this.writer = writer;
    }

    @Override
    public List<SyncItem> claim(String crm, io.onramp.connector.sync.ClaimRequest request) {
      long t = System.nanoTime();
      try {
        return api.claim(crm, request);
      } finally {
        claim.addAndGet(System.nanoTime() - t);
      }
    }

    @Override
    public List<io.onramp.connector.sync.SyncAck.Result> acknowledge(String crm, io.onramp.connector.sync.SyncAck request) {
      long t = System.nanoTime();
      try {
        return api.acknowledge(crm, request);
      } finally {
        ack.addAndGet(System.nanoTime() - t);
      }
    }

    @Override
    public String crm() {
      return writer.crm();
    }

    @Override
    public Map<Long, Outcome> write(List<SyncItem> items) {
      long t = System.nanoTime();
      try {
        return writer.write(items);
      } finally {
        write.addAndGet(System.nanoTime() - t);
      }
    }
  }
}

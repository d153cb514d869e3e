package io.onramp.connector.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.limit.RequestBudget;
import io.onramp.connector.sync.ConnectorProperties;
import io.onramp.connector.sync.CrmWriter;
import io.onramp.connector.sync.Outcome;
import io.onramp.connector.sync.SyncApi;
import io.onramp.connector.sync.SyncItem;
import io.onramp.connector.sync.SyncLoop;
import io.onramp.connector.sync.SyncMetrics;
import io.onramp.testing.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drains a backlog of stage transitions (pending sync rows in a real engine-service on PostgreSQL)
 * into a HubSpot stub that enforces its rolling limit, and does the same for a naive worker that
 * writes one record per call, side by side. Prints the figures. Run with {@code ./onramp bench}.
 */
@Tag("benchmark")
class HubSpotDrainBenchmark {

  static final int TRANSITIONS = Integer.getInteger("bench.transitions", 20_000);
  static final int NAIVE_TRANSITIONS = Integer.getInteger("bench.naiveTransitions", 600);
  static final int PER_10S = Integer.getInteger("bench.requestsPer10s", 100);

  @Test
  void drainABacklogWithinHubSpotsLimit() throws Exception {
    String jdbc = EmbeddedPostgres.jdbcUrl();
    int enginePort = freePort();
    Process engine = startEngine(jdbc, enginePort);
    RateLimitedHubSpot limit = new RateLimitedHubSpot(PER_10S, 10_000);
    WireMockServer hubspot = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(limit)
        .containerThreads(20).jettyAcceptors(2));
    hubspot.start();
    hubspot.stubFor(post(urlPathMatching("/crm/v3/objects/deals/batch/update")).willReturn(aResponse().withTransformers(limit.getName())));
    hubspot.stubFor(patch(urlPathMatching("/crm/v3/objects/deals/.*")).willReturn(aResponse().withTransformers(limit.getName())));
    ConfigurableApplicationContext connector = null;
    try {
      awaitReady(engine, enginePort);
      seed(jdbc, "bench", TRANSITIONS);
      connector = new SpringApplicationBuilder(HubSpotApplication.class).run(args(Map.ofEntries(
          Map.entry("server.port", "0"), Map.entry("onramp.connector.enabled", "false"),
          Map.entry("onramp.connector.engine-url", "http://localhost:" + enginePort),
          Map.entry("onramp.connector.engine-user", "demo"), Map.entry("onramp.connector.engine-password", "demo"),
          Map.entry("onramp.connector.batch-size", "200"), Map.entry("onramp.hubspot.base-url", hubspot.baseUrl()),
          Map.entry("onramp.hubspot.access-token", "bench-token"), Map.entry("onramp.hubspot.provision", "false"),
          Map.entry("onramp.hubspot.requests-per10s", Integer.toString(PER_10S)),
          Map.entry("onramp.hubspot.webhook.client-secret", "bench-secret"))));

      // --- batching worker -----------------------------------------------------------------------
      Timed timed = new Timed(connector.getBean(SyncApi.class), connector.getBean(CrmWriter.class));
      SyncLoop loop = new SyncLoop(timed, timed, connector.getBean(ConnectorProperties.class), connector.getBean(SyncMetrics.class));
      limit.reset();
      long start = System.nanoTime();
      int drained = 0;
      for (int n; (n = loop.runOnce(Duration.ZERO)) > 0; ) {
        drained += n;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int calls = limit.accepted.get() + limit.refused.get();
      int refused = limit.refused.get();

      // --- naive worker: one HubSpot call per record ---------------------------------------------
      seed(jdbc, "naive", NAIVE_TRANSITIONS);
      limit.reset();
      Naive naive = new Naive(connector.getBean(SyncApi.class), hubspot.baseUrl());
      long naiveStart = System.nanoTime();
      int naiveDrained = naive.drain(NAIVE_TRANSITIONS);
      double naiveSeconds = (System.nanoTime() - naiveStart) / 1e9;
      int naiveCalls = limit.accepted.get() + limit.refused.get();

      double ceiling = PER_10S * 100 / 10.0;           // records/s: calls per second x 100 inputs per call
      double rate = drained / seconds;
      double naiveRate = naiveDrained / naiveSeconds;
      System.out.printf("""

          == HubSpot drain benchmark: %,d stage transitions, HubSpot stub enforcing %d requests / 10 s ==
          batching worker : %,d transitions in %6.1f s = %,6.0f /s = %5.1f%% of the ceiling (%,.0f /s)
                            HubSpot calls %,d = %.4f per transition; 429s %d
                            time: claim %.1f s, HubSpot (incl. waiting for the budget) %.1f s, acknowledge %.1f s
          naive worker    : %,d transitions in %6.1f s = %,6.1f /s = %5.1f%% of the same ceiling (%4.1f%% of its own, %.0f /s)
                            HubSpot calls %,d = %.4f per transition; 429s %d
          batching / naive: %.0fx the throughput, %.0fx fewer calls per transition
          %n""", drained, PER_10S, drained, seconds, rate, 100 * rate / ceiling, ceiling, calls, (double) calls / drained, refused,
          timed.claim.get() / 1e9, timed.write.get() / 1e9, timed.ack.get() / 1e9,
          naiveDrained, naiveSeconds, naiveRate, 100 * naiveRate / ceiling, 100 * naiveRate / (PER_10S / 10.0), PER_10S / 10.0,
          naiveCalls, (double) naiveCalls / naiveDrained, limit.refused.get(),
          rate / naiveRate, ((double) naiveCalls / naiveDrained) / ((double) calls / drained));

      assertThat(drained).isEqualTo(TRANSITIONS);
      assertThat(naiveDrained).isEqualTo(NAIVE_TRANSITIONS);
      assertThat(refused).as("429s the limiter should have prevented").isZero();
      assertThat((double) calls / drained).isLessThanOrEqualTo(0.011);
    } finally {
      if (connector != null) connector.close();
      hubspot.stop();
      engine.destroy();
      engine.waitFor();
    }
  }

  /** Wraps the sync API and the writer to see where the time goes. */
  static final class Timed implements SyncApi, CrmWriter {
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
    public List<SyncItem> claim(String crm, Map<String, Object> request) {
      long t = System.nanoTime();
      try {
        return api.claim(crm, request);
      } finally {
        claim.addAndGet(System.nanoTime() - t);
      }
    }

    @Override
    public List<Map<String, Object>> acknowledge(String crm, Map<String, Object> request) {
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

  /** The one-call-per-record worker most integrations start with, under the same budget. */
  static final class Naive {
    final SyncApi api;
    final String hubspot;
    final HttpClient http = HttpClient.newHttpClient();
    final RequestBudget budget = new RequestBudget("naive", PER_10S, Duration.ofSeconds(10), 250_000, ZoneOffset.UTC,
        Clock.systemUTC(), Thread::sleep);

    Naive(SyncApi api, String hubspot) {
      this.api = api;
      this.hubspot = hubspot;
    }

    /** Records written (a 429 is acknowledged RETRY and comes back later). */
    int drain(int expected) throws Exception {
      int drained = 0;
      while (drained < expected) {
        // long poll: records HubSpot refused come back once their retry is due
        List<SyncItem> items = api.claim("hubspot", Map.of("workerId", "naive", "maxItems", 200, "leaseSeconds", 600,
            "waitSeconds", 15));
        if (items.isEmpty()) return drained;
        List<Map<String, Object>> acks = new ArrayList<>();
        for (SyncItem item : items) {
          budget.acquire();
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                  URI.create(hubspot + "/crm/v3/objects/deals/" + item.onboarding().links().hubspotDealId()))
              .header("Authorization", "Bearer bench-token").header("Content-Type", "application/json")
              .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"properties\":{\"onboarding_stage\":\"" + item.onboarding().stage() + "\"}}"))
              .build(), HttpResponse.BodyHandlers.ofString());
          Map<String, Object> ack = new HashMap<>(Map.of("id", item.id(), "version", item.version(),
              "outcome", response.statusCode() == 200 ? "DONE" : "RETRY"));
          acks.add(ack);
          if (response.statusCode() == 200) drained++;
        }
        api.acknowledge("hubspot", Map.of("items", acks));
      }
      return drained;
    }
  }

  private static void seed(String jdbc, String prefix, int count) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("""
          insert into onramp_onboarding (id, business_key, process_definition_key, account_name, segment, stage, health, version,
            started_at, stage_entered_at, hubspot_deal_id, updated_at)
          select '%1$s-' || g, 'H-%1$s-' || g, 'customer-onboarding', 'Account ' || g, 'assisted', 'KICKOFF', 'ON_TRACK', 2,
            now(), now(), (1000000 + g)::text, now()
          from generate_series(1, %2$d) g""".formatted(prefix, count));
      s.execute("""
          insert into onramp_sync_item (crm, subject, kind, onboarding_id, version, status, due_at, changed_at)
          select 'hubspot', 'onboarding:%1$s-' || g, 'ONBOARDING', '%1$s-' || g, 2, 'PENDING', now(), now()
          from generate_series(1, %2$d) g""".formatted(prefix, count));
    }
  }

  private static Process startEngine(String jdbc, int port) throws Exception {
    Path jar = Path.of("../../engine-service/target/engine-service.jar").toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./onramp bench (it builds engine-service first)");
    }
    ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-jar",
        jar.toString(), "--spring.profiles.active=local").redirectErrorStream(true)
        .redirectOutput(Path.of("target/bench-engine-service.log").toFile());
    builder.environment().putAll(Map.of("ONRAMP_DB_URL", jdbc.replaceFirst("\\?.*$", ""), "ONRAMP_DB_USER", "postgres",
        "ONRAMP_DB_PASSWORD", "", "ONRAMP_ENGINE_PORT", Integer.toString(port)));
    return builder.start();
  }

  private static void awaitReady(Process engine, int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (!engine.isAlive()) throw new IllegalStateException("engine-service exited; see target/bench-engine-service.log");
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);      // readiness probe interval
    }
    throw new IllegalStateException("engine-service not ready in 180 s");
  }

  /** Command-line arguments outrank application.yml and the environment. */
  private static String[] args(Map<String, String> properties) {
    return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package io.onramp.connector.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.bench.DrainBench;
import io.onramp.connector.sync.SyncLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three HubSpot connector replicas drain one backlog from a real engine-service into a HubSpot stub that enforces
 * the account's 100 requests / 10 s as HubSpot does: together they stay within the limit in every window (the
 * account's budget is kept in engine-service for all of them), 429s stay under 1 % of the calls, and the backlog
 * drains no slower than with one replica, which spends the same budget alone.
 */
class SharedBudgetReplicasIntegrationTest {

  static final int PER_10S = 100;
  static final int TRANSITIONS = 1_000;
  static final int CLAIM = 4;                        // items per claim: one HubSpot call each, so the budget is what binds

  static DrainBench bench;
  static WireMockServer hubspot;
  static RateLimitedHubSpot limit;

  @BeforeAll
  static void start() throws Exception {
    limit = new RateLimitedHubSpot(PER_10S, 10_000);
    hubspot = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(limit).containerThreads(20));
    hubspot.start();
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(aResponse().withTransformers(limit.getName())));
    bench = DrainBench.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (bench != null) bench.close();
    if (hubspot != null) hubspot.stop();
  }

  @Test
  void shouldKeepThreeReplicasTogetherWithinTheAccountsLimitAndDrainNoSlowerThanOne() throws Exception {
    Run one = drain("one", 1);
    Run three = drain("three", 3);

    System.out.printf("""

        == shared HubSpot budget: %,d transitions, %d per claim, stub enforcing %d requests / 10 s per account ==
        1 replica : %5.1f s, %d calls, at most %d in any 10 s, 429s %d
        3 replicas: %5.1f s, %d calls, at most %d in any 10 s, 429s %d (%.2f%% of calls)
        3 / 1     : %.2f of the time
        %n""", TRANSITIONS, CLAIM, PER_10S, one.seconds, one.calls, one.busiestWindow, one.refused,
        three.seconds, three.calls, three.busiestWindow, three.refused, 100.0 * three.refused / three.calls, three.seconds / one.seconds);

    assertThat(three.drained).isEqualTo(TRANSITIONS);
    assertThat(three.busiestWindow).as("calls of all replicas in any 10 s").isLessThanOrEqualTo(PER_10S);
    assertThat(three.refused).as("429s, at most 1%% of %d calls", three.calls).isLessThanOrEqualTo(three.calls / 100);
    assertThat(three.seconds).as("three replicas drain no slower than one").isLessThanOrEqualTo(one.seconds * 1.2);
  }

  record Run(int drained, double seconds, int calls, int refused, int busiestWindow) {
  }

  /** Seeds the backlog, then {@code replicas} connector processes' sync loops drain it side by side; each names the same account. */
  private Run drain(String name, int replicas) throws Exception {
    bench.seed("hubspot", name, TRANSITIONS);
    limit.reset();
    List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(replicas);
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    try {
      for (int r = 1; r <= replicas; r++) {
        contexts.add(new SpringApplicationBuilder(HubSpotApplication.class).run(bench.connectorArgs(Map.of(
            "onramp.hubspot.base-url", hubspot.baseUrl(), "onramp.hubspot.access-token", "replica-token",
            "onramp.hubspot.provision", "false", "onramp.hubspot.requests-per10s", Integer.toString(PER_10S),
            "onramp.hubspot.account", "portal-" + name, "onramp.hubspot.webhook.client-secret", "replica-secret",
            "onramp.connector.batch-size", Integer.toString(CLAIM), "onramp.connector.worker-id", name + "-replica-" + r))));
      }
      long begin = System.nanoTime();
      long deadline = begin + Duration.ofMinutes(3).toNanos();
      List<Future<?>> loops = new ArrayList<>();
      for (ConfigurableApplicationContext context : contexts) {
        SyncLoop loop = context.getBean(SyncLoop.class);
        loops.add(pool.submit(() -> {
          while (!done.get() && System.nanoTime() < deadline) {
            if (loop.runOnce(Duration.ofSeconds(1)) == 0 && bench.unwritten("hubspot", name) == 0) {
              done.set(true);                                   // long poll above: a refused item comes back when its retry is due
            }
          }
          return null;
        }));
      }
      for (Future<?> loop : loops) {
        loop.get();
      }
      double seconds = (System.nanoTime() - begin) / 1e9;
      return new Run((int) (TRANSITIONS - bench.unwritten("hubspot", name)), seconds, limit.accepted.get() + limit.refused.get(),
          limit.refused.get(), limit.busiestWindow());
    } finally {
      pool.shutdownNow();
      contexts.forEach(ConfigurableApplicationContext::close);
    }
  }
}

package io.onramp.connector.hubspot;

import io.onramp.testing.BenchSummary;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.bench.DrainBench;
import io.onramp.connector.limit.RequestBudget;
import io.onramp.connector.sync.ClaimRequest;
import io.onramp.connector.sync.ConnectorProperties;
import io.onramp.connector.sync.CrmWriter;
import io.onramp.connector.sync.SyncAck;
import io.onramp.connector.sync.SyncApi;
import io.onramp.connector.sync.SyncItem;
import io.onramp.connector.sync.SyncMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drains a backlog of stage transitions (pending sync rows in a real engine-service on PostgreSQL,
 * {@link DrainBench}) into a HubSpot stub that enforces its rolling limit, and does the same for a naive worker that
 * writes one record per call, side by side. Prints the figures. Run with {@code ./onramp bench}.
 */
@Tag("benchmark")
class HubSpotDrainBenchmark {

  static final int TRANSITIONS = Integer.getInteger("bench.transitions", 20_000);
  static final int NAIVE_TRANSITIONS = Integer.getInteger("bench.naiveTransitions", 600);
  static final int PER_10S = Integer.getInteger("bench.requestsPer10s", 100);

  @Test
  void drainABacklogWithinHubSpotsLimit() throws Exception {
    RateLimitedHubSpot limit = new RateLimitedHubSpot(PER_10S, 10_000);
    WireMockServer hubspot = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(limit)
        .containerThreads(20).jettyAcceptors(2));
    hubspot.start();
    hubspot.stubFor(post(urlPathMatching("/crm/v3/objects/deals/batch/update")).willReturn(aResponse().withTransformers(limit.getName())));
    hubspot.stubFor(patch(urlPathMatching("/crm/v3/objects/deals/.*")).willReturn(aResponse().withTransformers(limit.getName())));
    try (DrainBench bench = DrainBench.start();
         ConfigurableApplicationContext connector = new SpringApplicationBuilder(HubSpotApplication.class).run(bench.connectorArgs(
             Map.of("onramp.hubspot.base-url", hubspot.baseUrl(), "onramp.hubspot.access-token", "bench-token",
                 "onramp.hubspot.provision", "false", "onramp.hubspot.requests-per10s", Integer.toString(PER_10S),
                 "onramp.hubspot.webhook.client-secret", "bench-secret")))) {
      bench.seed("hubspot", "bench", TRANSITIONS);

      // --- batching worker -----------------------------------------------------------------------
      limit.reset();
      DrainBench.Result result = bench.drain(connector.getBean(SyncApi.class), connector.getBean(CrmWriter.class),
          connector.getBean(ConnectorProperties.class), connector.getBean(SyncMetrics.class));
      int drained = result.drained();
      int calls = limit.accepted.get() + limit.refused.get();
      int refused = limit.refused.get();

      // --- naive worker: one HubSpot call per record ---------------------------------------------
      bench.seed("hubspot", "naive", NAIVE_TRANSITIONS);
      limit.reset();
      Naive naive = new Naive(connector.getBean(SyncApi.class), hubspot.baseUrl());
      long naiveStart = System.nanoTime();
      int naiveDrained = naive.drain(NAIVE_TRANSITIONS);
      double naiveSeconds = (System.nanoTime() - naiveStart) / 1e9;
      int naiveCalls = limit.accepted.get() + limit.refused.get();

      double ceiling = PER_10S * 100 / 10.0;           // records/s: calls per second x 100 inputs per call
      double rate = result.rate();
      double naiveRate = naiveDrained / naiveSeconds;
      System.out.printf("""

          == HubSpot drain benchmark: %,d stage transitions, HubSpot stub enforcing %d requests / 10 s ==
          batching worker : %,d transitions in %6.1f s = %,6.0f /s = %5.1f%% of the ceiling (%,.0f /s)
                            HubSpot calls %,d = %.4f per transition; 429s %d
                            time: claim %.1f s, HubSpot (incl. waiting for the budget) %.1f s, acknowledge %.1f s
          naive worker    : %,d transitions in %6.1f s = %,6.1f /s = %5.1f%% of the same ceiling (%4.1f%% of its own, %.0f /s)
                            HubSpot calls %,d = %.4f per transition; 429s %d
          batching / naive: %.0fx the throughput, %.0fx fewer calls per transition
          %n""", drained, PER_10S, drained, result.seconds(), rate, 100 * rate / ceiling, ceiling, calls, (double) calls / drained,
          refused, result.claimSeconds(), result.writeSeconds(), result.ackSeconds(),
          naiveDrained, naiveSeconds, naiveRate, 100 * naiveRate / ceiling, 100 * naiveRate / (PER_10S / 10.0), PER_10S / 10.0,
          naiveCalls, (double) naiveCalls / naiveDrained, limit.refused.get(),
          rate / naiveRate, ((double) naiveCalls / naiveDrained) / ((double) calls / drained));

      BenchSummary.add(String.format("HubSpot drain      %5.1f%% of the ceiling (target ≥ 90%%), %.4f calls per transition "
              + "(target ≤ 0.0101); claim %.1f s / HubSpot %.1f s / acknowledge %.1f s of %.1f s, %,d transitions",
          100 * rate / ceiling, (double) calls / drained, result.claimSeconds(), result.writeSeconds(), result.ackSeconds(),
          result.seconds(), drained));
      assertThat(drained).isEqualTo(TRANSITIONS);
      assertThat(naiveDrained).isEqualTo(NAIVE_TRANSITIONS);
      assertThat(refused).as("429s the limiter should have prevented").isZero();
      assertThat((double) calls / drained).isLessThanOrEqualTo(0.011);
    } finally {
      hubspot.stop();
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
        List<SyncItem> items = api.claim("hubspot", new ClaimRequest("naive", 200, 600, 15, false));
        if (items.isEmpty()) return drained;
        List<SyncAck.Item> acks = new ArrayList<>();
        for (SyncItem item : items) {
          budget.acquire();
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                  URI.create(hubspot + "/crm/v3/objects/deals/" + item.onboarding().links().hubspotDealId()))
              .header("Authorization", "Bearer bench-token").header("Content-Type", "application/json")
              .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"properties\":{\"onboarding_stage\":\"" + item.onboarding().stage() + "\"}}"))
              .build(), HttpResponse.BodyHandlers.ofString());
          acks.add(new SyncAck.Item(item.id(), item.lease(), item.version(),
              response.statusCode() == 200 ? SyncAck.Answer.DONE : SyncAck.Answer.RETRY, null, null, null));
          if (response.statusCode() == 200) drained++;
        }
        api.acknowledge("hubspot", new SyncAck(acks));
      }
      return drained;
    }
  }
}

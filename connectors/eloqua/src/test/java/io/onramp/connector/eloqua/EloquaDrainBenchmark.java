package io.onramp.connector.eloqua;

import io.onramp.testing.BenchSummary;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.bench.DrainBench;
import io.onramp.connector.sync.ConnectorProperties;
import io.onramp.connector.sync.CrmWriter;
import io.onramp.connector.sync.SyncApi;
import io.onramp.connector.sync.SyncMetrics;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The drain benchmark against the Eloqua stub: a backlog of stage transitions (two stakeholders
 * each) drained through the Bulk API. Eloqua publishes no REST rate limit; the ceiling that binds
 * is the Bulk API's soft limit of 2,000 imports an hour per instance. Run with {@code ./onramp bench}.
 */
@Tag("benchmark")
class EloquaDrainBenchmark {

  static final int TRANSITIONS = Integer.getInteger("bench.transitions", 20_000);
  static final int IMPORTS_PER_HOUR = 2_000;

  @Test
  void drainABacklogThroughTheBulkApi() throws Exception {
    FakeEloqua state = new FakeEloqua();
    WireMockServer eloqua = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(state).containerThreads(20));
    eloqua.start();
    eloqua.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(state.getName())));
    state.reset(eloqua.baseUrl());
    try (DrainBench bench = DrainBench.start();
         ConfigurableApplicationContext connector = new SpringApplicationBuilder(EloquaApplication.class).run(bench.connectorArgs(
             Map.of("onramp.eloqua.login-url", eloqua.baseUrl(), "onramp.eloqua.company", "AcmeCorp",
                 "onramp.eloqua.username", "onramp.api", "onramp.eloqua.password", "test-only", "onramp.eloqua.bulk-poll", "50ms",
                 "onramp.eloqua.token-file", "target/bench-eloqua-token")))) {
      bench.seed("eloqua", "bench", TRANSITIONS);

      DrainBench.Result result = bench.drain(connector.getBean(SyncApi.class), connector.getBean(CrmWriter.class),
          connector.getBean(ConnectorProperties.class), connector.getBean(SyncMetrics.class));

      int calls = state.apiCalls();
      int imports = state.imports();
      double importsPerTransition = (double) imports / result.drained();
      double ceilingPerHour = IMPORTS_PER_HOUR / importsPerTransition;
      System.out.printf("""

          == Eloqua drain benchmark: %,d stage transitions (2 stakeholders each), Bulk API above %d writes a batch ==
          worker : %,d transitions in %6.1f s = %,6.0f /s
                   Eloqua calls %,d = %.4f per transition (one by one: ~%.0f)
                   bulk imports %,d = %.4f per transition; at 2,000 imports/h the ceiling is %,.0f transitions/h;
                   this run used %,d of the hour's %,d imports (%.1f%%); past that the connector holds bulk work for the next hour
                   time: claim %.1f s, Eloqua (incl. bulk sync polling) %.1f s, acknowledge %.1f s
          %n""", TRANSITIONS, connector.getEnvironment().getProperty("onramp.eloqua.bulk-threshold", Integer.class, 50),
          result.drained(), result.seconds(), result.rate(), calls, (double) calls / result.drained(), 2 * 2.0 + 2.0,
          imports, importsPerTransition, ceilingPerHour, imports, IMPORTS_PER_HOUR, 100.0 * imports / IMPORTS_PER_HOUR,
          result.claimSeconds(), result.writeSeconds(), result.ackSeconds());

      BenchSummary.add(String.format("Eloqua drain       %,6.0f transitions/s (target: no slower than 576/s), %.4f calls per transition",
          result.rate(), (double) calls / result.drained()));
      assertThat(result.drained()).isEqualTo(TRANSITIONS);
      assertThat(state.contactCount()).isEqualTo(2 * TRANSITIONS);
    } finally {
      eloqua.stop();
    }
  }
}

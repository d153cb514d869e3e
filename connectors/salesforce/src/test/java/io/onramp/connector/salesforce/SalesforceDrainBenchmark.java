package io.onramp.connector.salesforce;

import io.onramp.testing.BenchSummary;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.onramp.connector.bench.DrainBench;
import io.onramp.connector.sync.ConnectorProperties;
import io.onramp.connector.sync.CrmWriter;
import io.onramp.connector.sync.SyncApi;
import io.onramp.connector.sync.SyncMetrics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The drain benchmark against a Salesforce stub that counts calls against a daily allocation and
 * reports it in {@code Sforce-Limit-Info}, as Salesforce does. Salesforce's ceiling is a budget, not
 * a rate: the figure that matters is how many transitions a day the allocation carries.
 */
@Tag("benchmark")
class SalesforceDrainBenchmark {

  static final int TRANSITIONS = Integer.getInteger("bench.transitions", 20_000);
  static final int DAILY_ALLOCATION = Integer.getInteger("bench.salesforceDailyAllocation", 100_000);

  /** sObject Collections update: success for every record sent, usage counted per call. */
  static final class CountingSalesforce implements ResponseDefinitionTransformerV2 {
    final AtomicInteger calls = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String getName() {
      return "counting-salesforce";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      int used = calls.incrementAndGet();
      try {
        JsonNode records = JSON.readTree(event.getRequest().getBodyAsString()).path("records");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < records.size(); i++) {
          body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(records.get(i).path("id").asText())
              .append("\",\"success\":true,\"errors\":[]}");
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
            .withHeader("Sforce-Limit-Info", "api-usage=" + used + "/" + DAILY_ALLOCATION).withBody(body + "]").build();
      } catch (Exception e) {
        return ResponseDefinition.badRequest(null);
      }
    }
  }

  @Test
  void drainABacklogWithinTheDailyAllocation() throws Exception {
    CountingSalesforce counting = new CountingSalesforce();
    WireMockServer salesforce = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(counting).containerThreads(20));
    salesforce.start();
    salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson("{\"access_token\":\"bench\",\"instance_url\":\""
        + salesforce.baseUrl() + "\",\"token_type\":\"Bearer\"}")));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).willReturn(aResponse().withTransformers(counting.getName())));
    try (DrainBench bench = DrainBench.start();
         ConfigurableApplicationContext connector = new SpringApplicationBuilder(SalesforceApplication.class).run(bench.connectorArgs(
             Map.of("onramp.salesforce.login-url", salesforce.baseUrl(), "onramp.salesforce.client-id", "bench",
                 "onramp.salesforce.client-secret", "bench-secret", "onramp.salesforce.outbound.organization-id", "00D000000000001EAA")))) {
      bench.seed("salesforce", "bench", TRANSITIONS);

      DrainBench.Result result = bench.drain(connector.getBean(SyncApi.class), connector.getBean(CrmWriter.class),
          connector.getBean(ConnectorProperties.class), connector.getBean(SyncMetrics.class));

      int calls = counting.calls.get();
      double perTransition = (double) calls / result.drained();
      double share = connector.getBean(io.onramp.connector.salesforce.SalesforceProperties.class).budgetShare();
      System.out.printf("""

          == Salesforce drain benchmark: %,d stage transitions, daily API allocation %,d (connector stops at %.0f%%) ==
          worker : %,d transitions in %6.1f s = %,6.0f /s
                   Salesforce calls %,d = %.4f per transition = %.2f%% of the daily allocation
                   the allocation carries %,.0f transitions a day at the %.0f%% share (one call per record: %,.0f)
                   time: claim %.1f s, Salesforce %.1f s, acknowledge %.1f s
          %n""", TRANSITIONS, DAILY_ALLOCATION, share * 100, result.drained(), result.seconds(), result.rate(), calls, perTransition,
          100.0 * calls / DAILY_ALLOCATION, share * DAILY_ALLOCATION / perTransition, share * 100, share * DAILY_ALLOCATION,
          result.claimSeconds(), result.writeSeconds(), result.ackSeconds());

      BenchSummary.add(String.format("Salesforce drain   %,6.0f transitions/s (target: no slower than 929/s), %.4f calls per transition",
          result.rate(), perTransition));
      assertThat(result.drained()).isEqualTo(TRANSITIONS);
      assertThat(perTransition).isLessThanOrEqualTo(0.0051);
    } finally {
      salesforce.stop();
    }
  }
}

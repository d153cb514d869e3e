package io.onramp.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.limit.RequestBudget;
import io.onramp.connector.testing.MutableClock;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Eloqua connector between a stubbed engine and a stateful Eloqua stub; time is a clock the tests move. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)      // catalog, throttle and session are per test
@Import(EloquaIntegrationTest.Time.class)
abstract class EloquaIntegrationTest {

  static final FakeEloqua eloquaState = new FakeEloqua();
  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final WireMockServer eloqua = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(eloquaState));
  static final ObjectMapper JSON = new ObjectMapper();
  static final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  static {
    engine.start();
    eloqua.start();
  }

  @TestConfiguration
  static class Time {
    @Bean
    @Primary
    Clock testClock() {
      return clock;
    }

    /** Waiting moves the test clock instead of the wall clock. */
    @Bean
    @Primary
    RequestBudget.Sleeper testSleeper() {
      return clock::advance;
    }
  }

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("onramp.connector.engine-url", engine::baseUrl);
    registry.add("onramp.eloqua.login-url", eloqua::baseUrl);
  }

  @BeforeEach
  void resetStubs() {
    engine.resetAll();
    eloqua.resetAll();
    eloquaState.reset(eloqua.baseUrl());
    clock.set(Instant.parse("2026-11-23T10:00:00Z"));
    engine.stubFor(post(urlPathEqualTo("/api/sync/eloqua/ack")).willReturn(okJson("[]")));
    io.onramp.connector.testing.EngineBudgetStub.grantAll(engine, "eloqua");
    eloqua.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(eloquaState.getName())));
  }

  void claimReturns(String items) {
    engine.stubFor(post(urlPathEqualTo("/api/sync/eloqua/claim")).willReturn(okJson(items)));
  }

  JsonNode onlyAck() throws Exception {
    var acks = engine.findAll(postRequestedFor(urlPathEqualTo("/api/sync/eloqua/ack")));
    assertThat(acks).as("acknowledgements").hasSize(1);
    return JSON.readTree(acks.get(0).getBodyAsString());
  }

  static JsonNode item(JsonNode ack, long id) {
    for (JsonNode i : ack.get("items")) if (i.get("id").asLong() == id) return i;
    throw new AssertionError("no item " + id + " in " + ack);
  }
}

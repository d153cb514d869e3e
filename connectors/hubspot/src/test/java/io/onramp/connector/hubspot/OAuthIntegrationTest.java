package io.onramp.connector.hubspot;

import io.onramp.connector.testing.SyncItems;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.onramp.connector.sync.SyncLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With an OAuth app: the access token comes from the refresh token, and a 401 refreshes it once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "onramp.hubspot.access-token=", "onramp.hubspot.oauth-client-id=app-1",
    "onramp.hubspot.oauth-client-secret=test-only-secret", "onramp.hubspot.oauth-refresh-token=refresh-1"})
@ActiveProfiles("test")
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)   // tokens are per test
class OAuthIntegrationTest {

  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final WireMockServer hubspot = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    engine.start();
    hubspot.start();
  }

  @Autowired
  SyncLoop loop;

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("onramp.connector.engine-url", engine::baseUrl);
    registry.add("onramp.hubspot.base-url", hubspot::baseUrl);
  }

  @org.junit.jupiter.api.BeforeEach
  void reset() {
    engine.resetAll();
    hubspot.resetAll();
  }

  @Test
  void shouldUseTheRefreshedTokenAndRefreshOnceMoreWhenHubSpotSays401() {
    engine.stubFor(post(urlPathEqualTo("/api/sync/hubspot/claim")).willReturn(okJson(SyncItems.HUBSPOT.onboardings(1))));
    engine.stubFor(post(urlPathMatching("/api/sync/hubspot/ack")).willReturn(okJson("[]")));
    io.onramp.connector.testing.EngineBudgetStub.grantAll(engine, "hubspot");
    hubspot.stubFor(post(urlPathEqualTo("/oauth/v3/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
        .withRequestBody(containing("grant_type=refresh_token")).withRequestBody(containing("refresh_token=refresh-1"))
        .willReturn(okJson("{\"token_type\":\"bearer\",\"refresh_token\":\"refresh-2\",\"access_token\":\"access-1\",\"expires_in\":1800}"))
        .willSetStateTo("second"));
    hubspot.stubFor(post(urlPathEqualTo("/oauth/v3/token")).inScenario("tokens").whenScenarioStateIs("second")
        .withRequestBody(containing("refresh_token=refresh-2"))
        .willReturn(okJson("{\"token_type\":\"bearer\",\"refresh_token\":\"refresh-3\",\"access_token\":\"access-2\",\"expires_in\":1800}")));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).withHeader("Authorization", equalTo("Bearer access-1"))
        .willReturn(HubSpotStubs.error(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired")));
    hubspot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/update")).withHeader("Authorization", equalTo("Bearer access-2"))
        .willReturn(HubSpotStubs.batchOk()));

    loop.runOnce(Duration.ZERO);

    hubspot.verify(2, postRequestedFor(urlPathEqualTo("/oauth/v3/token")));
    engine.verify(postRequestedFor(urlPathEqualTo("/api/sync/hubspot/ack"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.items[0].outcome", equalTo("DONE"))));
    assertThat(hubspot.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update")))).hasSize(2);
  }

  @Test
  void shouldRaiseAnIncidentNamingTheRefusalWhenHubSpotNoLongerAcceptsTheRefreshToken() {
    engine.stubFor(post(urlPathEqualTo("/api/sync/hubspot/claim")).willReturn(okJson(SyncItems.HUBSPOT.onboardings(1))));
    engine.stubFor(post(urlPathMatching("/api/sync/hubspot/ack")).willReturn(okJson("[]")));
    io.onramp.connector.testing.EngineBudgetStub.grantAll(engine, "hubspot");
    hubspot.stubFor(post(urlPathEqualTo("/oauth/v3/token")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
        .withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"missing or unknown refresh token\","
            + "\"correlationId\":\"c0ffee00-0000-4000-8000-000000000401\",\"error\":\"invalid_grant\"}")));

    loop.runOnce(Duration.ZERO);

    assertThat(hubspot.findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/batch/update")))).as("no call without a token").isEmpty();
    engine.verify(postRequestedFor(urlPathEqualTo("/api/sync/hubspot/ack"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.items[0].outcome", equalTo("FAILED")))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.items[0].message",
            com.github.tomakehurst.wiremock.client.WireMock.containing("HubSpot refused the OAuth token request (invalid_grant"))));
  }
}

package io.onramp.connector.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * engine-service's shared request budget as it answers a connector alone on its account: every take granted
 * for the engine's lease (1 s), every pause taken (docs/sync-api.md). Tests about a vendor's own limits use it;
 * the budget shared by replicas is tested against the real engine.
 */
public final class EngineBudgetStub {

  private EngineBudgetStub() {
  }

  public static void grantAll(WireMockServer engine, String crm) {
    engine.stubFor(post(urlPathEqualTo("/api/sync/" + crm + "/budget/take")).willReturn(okJson(
        "{\"granted\":1,\"validForMillis\":250,\"retryInMillis\":0,\"daySpent\":false,\"remainingToday\":249999}")));
    engine.stubFor(post(urlPathEqualTo("/api/sync/" + crm + "/budget/pause")).willReturn(aResponse().withStatus(204)));
  }
}

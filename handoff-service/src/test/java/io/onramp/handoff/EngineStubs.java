package io.onramp.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/** engine-service's answers, shaped as Camunda 7.24's REST API shapes them. */
public final class EngineStubs {
  private EngineStubs() {}

  public static final String STARTED = """
      [{"resultType":"ProcessDefinition","execution":null,
        "processInstance":{"links":[],"id":"pi-1","definitionId":"customer-onboarding:1:d1","businessKey":"%s",
        "caseInstanceId":null,"ended":false,"suspended":false,"tenantId":null},"variables":null}]""";

  public static final String CORRELATED = """
      [{"resultType":"Execution","processInstance":null,
        "execution":{"id":"ex-9","processInstanceId":"pi-1","ended":false,"tenantId":null},"variables":null}]""";

  /** engine-service's "customers like you", as its insights API answers. */
  public static final String CUSTOMERS_LIKE_YOU = """
      {"comparedOn":{"segment":"assisted","arrBand":"10k-50k"},"ignored":["product"],"n":42,
       "summary":"customers like you reach first value in 3–4 weeks; n=42",
       "milestones":[{"stage":"KICKOFF","n":42,"p25":2.0,"median":3.5,"p75":5.0},
                     {"stage":"FIRST_VALUE","n":42,"p25":21.0,"median":24.5,"p75":28.0}]}""";

  /** A healthy engine: the start message starts a journey, nothing was started before; insights answer. */
  public static void startsJourneys(WireMockServer engine) {
    engine.stubFor(post(urlPathEqualTo("/engine-rest/message")).willReturn(okJson(STARTED.formatted("H"))));
    engine.stubFor(get(urlPathEqualTo("/engine-rest/history/process-instance")).willReturn(okJson("[]")));
    engine.stubFor(get(urlPathEqualTo("/api/insights/customers-like-you")).willReturn(okJson(CUSTOMERS_LIKE_YOU)));
  }

  /** Camunda's answer while its database is unreachable. */
  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder unavailable() {
    return aResponse().withStatus(503).withHeader("Content-Type", "application/json")
        .withBody("{\"type\":\"ProcessEngineException\",\"message\":\"ENGINE-03083 Exception while executing Batch Database Operations\",\"code\":0}");
  }
}

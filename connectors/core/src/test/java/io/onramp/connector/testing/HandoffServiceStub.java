package io.onramp.connector.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * handoff-service's record of handled closed-won events ({@code /api/crm-events/{crm}/{eventId}}) as
 * it answers: unknown events 404 until recorded, then 200 with the record; a record answers 201.
 */
public final class HandoffServiceStub {

  private HandoffServiceStub() {}

  /** Every event unknown, every record accepted (without memory); add {@link #remembers} for the events a test repeats. */
  public static void recordsEvents(WireMockServer handoffService) {
    handoffService.stubFor(get(urlPathMatching("/api/crm-events/[a-z]+/[^/]+")).atPriority(9).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/problem+json").withBody("{\"title\":\"CRM event not handled\",\"status\":404}")));
    handoffService.stubFor(put(urlPathMatching("/api/crm-events/[a-z]+/[^/]+")).atPriority(9).willReturn(okJson("{}").withStatus(201)));
  }

  /** Event {@code eventId} of {@code crm} is unknown until it is recorded, and known from then on. */
  public static void remembers(WireMockServer handoffService, String crm, String eventId) {
    String path = "/api/crm-events/" + crm + "/" + eventId;
    String scenario = crm + "-" + eventId;
    String record = "{\"crm\":\"%s\",\"eventId\":\"%s\",\"handledAt\":\"2026-12-02T10:00:00Z\"}".formatted(crm, eventId);
    handoffService.stubFor(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).atPriority(1)
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
            .withBody("{\"title\":\"CRM event not handled\",\"status\":404}")));
    handoffService.stubFor(put(urlPathEqualTo(path)).inScenario(scenario).atPriority(1).willSetStateTo("handled")
        .willReturn(okJson(record).withStatus(201)));
    handoffService.stubFor(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("handled").atPriority(1)
        .willReturn(okJson(record)));
  }
}

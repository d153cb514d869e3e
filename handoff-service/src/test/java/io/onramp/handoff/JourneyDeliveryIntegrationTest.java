package io.onramp.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.onramp.handoff.handoff.HandoffService;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The submit outbox: a down or slow engine never loses a submit and never starts a journey twice. */
class JourneyDeliveryIntegrationTest extends HandoffIntegrationTest {

  @Autowired
  HandoffService handoffs;

  @Test
  void shouldAcceptTheSubmitWhileTheEngineIsDownAndStartTheJourneyOnceWhenItIsBack() {
    engine.stubFor(post(urlPathEqualTo("/engine-rest/message")).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(EngineStubs.unavailable()).willSetStateTo("still down"));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/message")).inScenario("outage").whenScenarioStateIs("still down")
        .willReturn(EngineStubs.unavailable()).willSetStateTo("back"));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/message")).inScenario("outage").whenScenarioStateIs("back")
        .willReturn(okJson(EngineStubs.STARTED.formatted("H"))).willSetStateTo("started"));
    String id = httpPost("/api/handoffs", Handoffs.complete(Handoffs.dealId())).expect(201).json().get("id").asText();

    Response submitted = httpPost("/api/handoffs/" + id + "/submit", null);

    assertThat(submitted.status()).isEqualTo(200);
    assertThat(submitted.json().get("status").asText()).isEqualTo("SUBMITTED");
    JsonNode pending = await().atMost(Duration.ofSeconds(10)).until(() -> httpGet("/api/handoffs/" + id).json().get("journey"),
        j -> j != null && j.get("attempts").asInt() >= 1 && j.get("status").asText().equals("PENDING"));
    assertThat(pending.get("lastError").asText()).contains("503");
    await().atMost(Duration.ofSeconds(20)).until(() -> httpGet("/api/handoffs/" + id).json().get("journey").get("status").asText(),
        "DELIVERED"::equals);
    engine.verify(3, postRequestedFor(urlPathEqualTo("/engine-rest/message")));
    assertThat(httpGet("/api/handoffs/" + id).json().get("journey").get("attempts").asInt()).isEqualTo(3);
  }

  @Test
  void shouldNotStartASecondJourneyWhenTheEnginesAnswerWasLost() {
    // the engine starts the journey but answers after our read timeout (1.5 s in the test profile)
    engine.stubFor(post(urlPathEqualTo("/engine-rest/message"))
        .willReturn(okJson(EngineStubs.STARTED.formatted("H")).withFixedDelay(3000)));
    String id = httpPost("/api/handoffs", Handoffs.complete(Handoffs.dealId())).expect(201).json().get("id").asText();
    engine.stubFor(get(urlPathEqualTo("/engine-rest/history/process-instance"))
        .willReturn(okJson("[{\"id\":\"pi-lost-answer\",\"businessKey\":\"" + id + "\",\"state\":\"ACTIVE\"}]")));

    httpPost("/api/handoffs/" + id + "/submit", null).expect(200);

    await().atMost(Duration.ofSeconds(20)).until(() -> httpGet("/api/handoffs/" + id).json().get("journey").get("status").asText(),
        "DELIVERED"::equals);
    assertThat(httpGet("/api/handoffs/" + id).json().get("journey").get("processInstanceId").asText()).isEqualTo("pi-lost-answer");
    engine.verify(1, postRequestedFor(urlPathEqualTo("/engine-rest/message")));
    engine.verify(getRequestedFor(urlPathEqualTo("/engine-rest/history/process-instance"))
        .withQueryParam("processInstanceBusinessKey", equalTo(id))
        .withQueryParam("processDefinitionKey", equalTo("customer-onboarding")));
  }

  /** Another replica started the journey first (its lease ran out meanwhile): the engine refuses a second, naming it. */
  @Test
  void shouldTakeTheJourneyAnotherReplicaStartedAsDeliveredWhenTheEngineRefusesASecond() {
    String id = httpPost("/api/handoffs", Handoffs.complete(Handoffs.dealId())).expect(201).json().get("id").asText();
    engine.stubFor(post(urlPathEqualTo("/engine-rest/message")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody("{\"type\":\"BadUserRequestException\",\"message\":\"handoff " + id
            + " already has its journey pi-other-replica (customer-onboarding): a second one is not started\",\"code\":0}")));
    engine.stubFor(get(urlPathEqualTo("/engine-rest/history/process-instance"))
        .willReturn(okJson("[{\"id\":\"pi-other-replica\",\"businessKey\":\"" + id + "\",\"state\":\"ACTIVE\"}]")));

    httpPost("/api/handoffs/" + id + "/submit", null).expect(200);

    await().atMost(Duration.ofSeconds(20)).until(() -> httpGet("/api/handoffs/" + id).json().get("journey").get("status").asText(),
        "DELIVERED"::equals);
    assertThat(httpGet("/api/handoffs/" + id).json().get("journey").get("processInstanceId").asText()).isEqualTo("pi-other-replica");
    engine.verify(1, postRequestedFor(urlPathEqualTo("/engine-rest/message")));
  }

  @Test
  void shouldSendHandoffRevisedWhenARevisedHandoffIsSubmittedAgain() {
    String deal = Handoffs.dealId();
    Response created = httpPost("/api/handoffs", Handoffs.complete(deal)).expect(201);
    String id = created.json().get("id").asText();
    httpPost("/api/handoffs/" + id + "/submit", null).expect(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> httpGet("/api/handoffs/" + id).json().get("journey").get("status").asText(),
        "DELIVERED"::equals);
    handoffs.recordReview(id, false, "Add the admin stakeholder", "lee");      // what the review worker does
    engine.stubFor(post(urlPathEqualTo("/engine-rest/message"))
        .withRequestBody(matchingJsonPath("$.messageName", equalTo("HandoffRevised")))
        .willReturn(okJson(EngineStubs.CORRELATED)));

    Response inRevision = httpGet("/api/handoffs/" + id).expect(200);
    assertThat(inRevision.json().get("status").asText()).isEqualTo("REVISION_REQUESTED");
    assertThat(inRevision.json().get("revisionComments").asText()).isEqualTo("Add the admin stakeholder");
    Map<String, Object> revised = Handoffs.complete(deal);
    revised.put("salesNotes", "Admin: Lee Park added");
    Response updated = httpPut("/api/handoffs/" + id, revised, inRevision.etag()).expect(200);
    httpPost("/api/handoffs/" + id + "/submit", null).expect(200);

    await().atMost(Duration.ofSeconds(10)).until(() -> httpGet("/api/handoffs/" + id).json().get("journey"),
        j -> j.get("message").asText().equals("HandoffRevised") && j.get("status").asText().equals("DELIVERED"));
    engine.verify(1, postRequestedFor(urlPathEqualTo("/engine-rest/message"))
        .withRequestBody(matchingJsonPath("$.messageName", equalTo("HandoffRevised")))
        .withRequestBody(matchingJsonPath("$.businessKey", equalTo(id)))
        .withRequestBody(matchingJsonPath("$.all", equalTo("true")))
        .withRequestBody(matchingJsonPath("$.processVariables.salesNotes.value", equalTo("Risks:\n1. IT availability in December\nAdmin: Lee Park added"))));
    engine.verify(1, postRequestedFor(urlPathEqualTo("/engine-rest/message"))
        .withRequestBody(matchingJsonPath("$.messageName", equalTo("HandoffSubmitted"))));
    assertThat(updated.json().get("status").asText()).isEqualTo("REVISION_REQUESTED");
  }
}

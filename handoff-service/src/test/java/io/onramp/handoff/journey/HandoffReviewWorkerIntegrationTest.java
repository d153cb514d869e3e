package io.onramp.handoff.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.onramp.handoff.HandoffIntegrationTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.camunda.bpm.client.ExternalTaskClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The handoff review on Camunda's external task client against a stubbed engine. */
class HandoffReviewWorkerIntegrationTest extends HandoffIntegrationTest {

  @Autowired
  ExternalTaskClient client;

  @AfterEach
  void stopFetching() {
    client.stop();
  }

  @Test
  void shouldRecordTheCsLeadsRevisionRequestAndCompleteTheTask() {
    String id = submittedHandoff();
    fetchReturns(task("et-1", id,
        "\"handoffAccepted\":{\"type\":\"Boolean\",\"value\":false,\"valueInfo\":{}},"
            + "\"revisionComments\":{\"type\":\"String\",\"value\":\"No executive sponsor named\",\"valueInfo\":{}},"
            + "\"handoffReviewedBy\":{\"type\":\"String\",\"value\":\"lee\",\"valueInfo\":{}}"));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/et-1/complete")).willReturn(noContent()));

    client.start();
    answered("et-1", "complete", 1);

    Response handoff = call("GET", "/api/handoffs/" + id, null, java.util.Map.of()).expect(200);
    assertThat(handoff.json().get("status").asText()).isEqualTo("REVISION_REQUESTED");
    assertThat(handoff.json().get("revisionComments").asText()).isEqualTo("No executive sponsor named");
    JsonNode review = call("GET", "/api/handoffs/" + id + "/history", null, java.util.Map.of()).json().get(2);
    assertThat(review.get("kind").asText()).isEqualTo("REVISION_REQUESTED");
    assertThat(review.get("actor").asText()).isEqualTo("lee");
    assertThat(review.get("note").asText()).isEqualTo("No executive sponsor named");
    engine.verify(1, postRequestedFor(urlPathEqualTo("/engine-rest/external-task/et-1/complete"))
        .withHeader("Authorization", equalTo(basic("handoff-service", "test-only-engine-password"))));
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/fetchAndLock"))
        .withHeader("Authorization", equalTo(basic("handoff-service", "test-only-engine-password")))
        .withRequestBody(matchingJsonPath("$.topics[0].topicName", equalTo("handoff-review")))
        .withRequestBody(matchingJsonPath("$.topics[0].lockDuration", equalTo("60000")))
        .withRequestBody(matchingJsonPath("$.asyncResponseTimeout", equalTo("10000"))));
  }

  @Test
  void shouldRecordAcceptanceOnceEvenWhenTheTaskIsDeliveredTwice() {
    String id = submittedHandoff();
    fetchReturns(task("et-2", id, "\"handoffAccepted\":{\"type\":\"Boolean\",\"value\":true,\"valueInfo\":{}}"));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/et-2/complete")).willReturn(noContent()));

    client.start();
    answered("et-2", "complete", 1);
    engine.resetScenarios();                                      // delivered again (say, the completion's answer was lost)
    answered("et-2", "complete", 2);

    Response handoff = call("GET", "/api/handoffs/" + id, null, java.util.Map.of()).expect(200);
    assertThat(handoff.json().get("status").asText()).isEqualTo("ACCEPTED");
    assertThat(handoff.json().get("acceptedAt").asText()).isNotBlank();
    assertThat(call("GET", "/api/handoffs/" + id + "/history", null, java.util.Map.of()).json())
        .filteredOn(c -> c.get("kind").asText().equals("ACCEPTED")).hasSize(1);
  }

  @Test
  void shouldRaiseAnIncidentForAJourneyWhoseHandoffIsUnknown() {
    fetchReturns(task("et-3", "H-nope", "\"handoffAccepted\":{\"type\":\"Boolean\",\"value\":true,\"valueInfo\":{}}"));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/et-3/failure")).willReturn(noContent()));

    client.start();
    answered("et-3", "failure", 1);

    engine.verify(1, postRequestedFor(urlPathEqualTo("/engine-rest/external-task/et-3/failure"))
        .withRequestBody(matchingJsonPath("$.retries", equalTo("0")))
        .withRequestBody(matchingJsonPath("$.errorMessage", equalTo("handoff-service knows no handoff 'H-nope' (the journey's business key)"))));
  }

  private String submittedHandoff() {
    java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of("account", java.util.Map.of("name", "Initech")));
    String id = call("POST", "/api/handoffs", body, java.util.Map.of()).expect(201).json().get("id").asText();
    call("POST", "/api/handoffs/" + id + "/submit",
        java.util.Map.of("override", java.util.Map.of("reason", "testing the review outcome only")), java.util.Map.of()).expect(200);
    return id;
  }

  /** The engine hands out these tasks once (again after {@code resetScenarios}), then nothing. */
  private void fetchReturns(String tasks) {
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).inScenario("review")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("handed out").willReturn(okJson(tasks)));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).inScenario("review")
        .whenScenarioStateIs("handed out").willReturn(okJson("[]").withFixedDelay(200)));   // a long poll that found nothing
  }

  /** Waits (with a deadline) until the worker has given this answer for the task {@code times} times. */
  private void answered(String task, String answer, int times) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        engine.findAll(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/" + task + "/" + answer))).size() >= times);
  }

  private static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A locked external task as Camunda's fetchAndLock returns it. */
  private static String task(String id, String businessKey, String variables) {
    return """
        [{"activityId":"Task_RecordRevisionRequest","activityInstanceId":"a:1","errorMessage":null,"errorDetails":null,
          "executionId":"ex-1","id":"%s","lockExpirationTime":"2026-11-23T02:00:00.000+0000","createTime":"2026-11-23T01:00:00.000+0000",
          "processDefinitionId":"customer-onboarding:1:d1","processDefinitionKey":"customer-onboarding","processDefinitionVersionTag":null,
          "processInstanceId":"pi-1","retries":null,"suspended":false,"workerId":"handoff-service","topicName":"handoff-review",
          "tenantId":null,"variables":{%s},"priority":0,"businessKey":"%s","extensionProperties":{}}]
        """.formatted(id, variables, businessKey);
  }
}

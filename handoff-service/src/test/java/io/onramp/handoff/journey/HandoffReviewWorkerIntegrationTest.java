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
import io.onramp.handoff.HandoffIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HandoffReviewWorkerIntegrationTest extends HandoffIntegrationTest {

  @Autowired
  HandoffReviewWorker worker;

  @Test
  void shouldRecordTheCsLeadsRevisionRequestAndCompleteTheTask() {
    String id = submittedHandoff();
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).willReturn(okJson(task("et-1", id,
        "\"handoffAccepted\":{\"type\":\"Boolean\",\"value\":false,\"valueInfo\":{}},"
            + "\"revisionComments\":{\"type\":\"String\",\"value\":\"No executive sponsor named\",\"valueInfo\":{}},"
            + "\"handoffReviewedBy\":{\"type\":\"String\",\"value\":\"lee\",\"valueInfo\":{}}"))));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/et-1/complete")).willReturn(noContent()));

    worker.workOnce();

    Response handoff = call("GET", "/api/handoffs/" + id, null, java.util.Map.of()).expect(200);
    assertThat(handoff.json().get("status").asText()).isEqualTo("REVISION_REQUESTED");
    assertThat(handoff.json().get("revisionComments").asText()).isEqualTo("No executive sponsor named");
    JsonNode review = call("GET", "/api/handoffs/" + id + "/history", null, java.util.Map.of()).json().get(2);
    assertThat(review.get("kind").asText()).isEqualTo("REVISION_REQUESTED");
    assertThat(review.get("actor").asText()).isEqualTo("lee");
    assertThat(review.get("note").asText()).isEqualTo("No executive sponsor named");
    engine.verify(1, postRequestedFor(urlPathEqualTo("/engine-rest/external-task/et-1/complete"))
        .withRequestBody(matchingJsonPath("$.workerId", equalTo("handoff-service"))));
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/fetchAndLock"))
        .withRequestBody(matchingJsonPath("$.topics[0].topicName", equalTo("handoff-review")))
        .withRequestBody(matchingJsonPath("$.asyncResponseTimeout", equalTo("20000"))));
  }

  @Test
  void shouldRecordAcceptanceOnceEvenWhenTheTaskIsDeliveredTwice() {
    String id = submittedHandoff();
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).willReturn(okJson(task("et-2", id,
        "\"handoffAccepted\":{\"type\":\"Boolean\",\"value\":true,\"valueInfo\":{}}"))));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/et-2/complete")).willReturn(noContent()));

    worker.workOnce();
    worker.workOnce();

    Response handoff = call("GET", "/api/handoffs/" + id, null, java.util.Map.of()).expect(200);
    assertThat(handoff.json().get("status").asText()).isEqualTo("ACCEPTED");
    assertThat(handoff.json().get("acceptedAt").asText()).isNotBlank();
    assertThat(call("GET", "/api/handoffs/" + id + "/history", null, java.util.Map.of()).json())
        .filteredOn(c -> c.get("kind").asText().equals("ACCEPTED")).hasSize(1);
  }

  @Test
  void shouldRaiseAnIncidentForAJourneyWhoseHandoffIsUnknown() {
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).willReturn(okJson(task("et-3", "H-nope",
        "\"handoffAccepted\":{\"type\":\"Boolean\",\"value\":true,\"valueInfo\":{}}"))));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/et-3/failure")).willReturn(noContent()));

    worker.workOnce();

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

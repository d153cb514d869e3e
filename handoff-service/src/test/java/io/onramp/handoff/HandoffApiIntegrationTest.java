package io.onramp.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandoffApiIntegrationTest extends HandoffIntegrationTest {

  @Test
  void shouldCreateUpdateAndSubmitAndStartTheJourneyOnce() {
    String deal = Handoffs.dealId();
    Map<String, Object> body = Handoffs.complete(deal);
    body.remove("targetGoLiveDate");
    Response created = httpPost("/api/handoffs", body).expect(201);
    String id = created.json().get("id").asText();
    assertThat(created.etag()).isEqualTo("\"1\"");
    assertThat(created.json().get("status").asText()).isEqualTo("DRAFT");
    assertThat(created.json().get("owner").asText()).isEqualTo("sales");
    assertThat(created.json().get("completeness").get("score").asInt()).isEqualTo(92);
    assertThat(created.json().get("completeness").get("missing").get(0).get("rule").asText()).isEqualTo("TARGET_GO_LIVE");

    Response updated = httpPut("/api/handoffs/" + id, Handoffs.complete(deal), created.etag()).expect(200);
    assertThat(updated.etag()).isEqualTo("\"2\"");
    assertThat(updated.json().get("completeness").get("score").asInt()).isEqualTo(100);

    Response submitted = call("POST", "/api/handoffs/" + id + "/submit", null, Map.of("If-Match", updated.etag())).expect(200);
    assertThat(submitted.json().get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(submitted.json().get("closedWonToSubmittedHours").asLong()).isBetween(72L, 96L);

    JsonNode journey = await().atMost(Duration.ofSeconds(10)).until(() -> httpGet("/api/handoffs/" + id).json().get("journey"),
        j -> j != null && j.get("status").asText().equals("DELIVERED"));
    assertThat(journey.get("processInstanceId").asText()).isEqualTo("pi-1");
    engine.verify(1, postRequestedFor(urlPathEqualTo("/engine-rest/message"))
        .withRequestBody(matchingJsonPath("$.messageName", equalTo("HandoffSubmitted")))
        .withRequestBody(matchingJsonPath("$.businessKey", equalTo(id)))
        .withRequestBody(matchingJsonPath("$.processVariables.hubspotDealId.value", equalTo(deal)))
        .withRequestBody(matchingJsonPath("$.processVariables.segment.value", equalTo("assisted")))
        .withRequestBody(matchingJsonPath("$.processVariables.salesRep.value", equalTo("sales")))     // the owner: plays tell them
        .withRequestBody(matchingJsonPath("$.processVariables.productCount.value", equalTo("2")))
        .withRequestBody(matchingJsonPath("$.processVariables.product.value", equalTo("Reports")))
        .withRequestBody(matchingJsonPath("$.processVariables.handoffCompleteness.value", equalTo("100")))
        .withRequestBody(matchingJsonPath("$.processVariables.handoffSubmittedAt.value", matching("\\d{4}-\\d{2}-\\d{2}T.+Z")))
        .withRequestBody(matchingJsonPath("$.processVariables.stakeholders.value",
            equalTo("Executive sponsor: Dana Reyes <dana@acme.example>, +44 20 7946 0000\nChampion: Sam Ortiz <sam@acme.example>")))
        .withRequestBody(matchingJsonPath("$.processVariables.eloquaContactEmails.type", equalTo("Json")))
        .withRequestBody(matchingJsonPath("$.processVariables.eloquaContactRoles.value",
            equalTo("{\"dana@acme.example\":\"EXECUTIVE_SPONSOR\",\"sam@acme.example\":\"CHAMPION\"}"))));
    engine.verify(postRequestedFor(urlPathEqualTo("/engine-rest/message"))
        .withHeader("Authorization", equalTo("Basic aGFuZG9mZi1zZXJ2aWNlOnRlc3Qtb25seS1lbmdpbmUtcGFzc3dvcmQ=")));
  }

  @Test
  void shouldShowOnTheHandoffWhatCustomersLikeThisOneTookAndStillShowItWhenTheEngineCannotSay() {
    String id = httpPost("/api/handoffs", Handoffs.complete(Handoffs.dealId())).expect(201).json().get("id").asText();

    JsonNode handoff = httpGet("/api/handoffs/" + id).expect(200).json();
    assertThat(handoff.at("/customersLikeYou/summary").asText()).isEqualTo("customers like you reach first value in 3–4 weeks; n=42");
    assertThat(handoff.at("/customersLikeYou/milestones/1/stage").asText()).isEqualTo("FIRST_VALUE");
    engine.verify(getRequestedFor(urlPathEqualTo("/api/insights/customers-like-you"))
        .withQueryParam("segment", equalTo("assisted")).withQueryParam("product", equalTo("Reports")));

    engine.stubFor(get(urlPathEqualTo("/api/insights/customers-like-you")).willReturn(EngineStubs.unavailable()));
    JsonNode without = httpGet("/api/handoffs/" + id).expect(200).json();
    assertThat(without.has("customersLikeYou")).isFalse();
    assertThat(without.get("id").asText()).isEqualTo(id);
  }

  @Test
  void shouldReturnTheExistingHandoffWhenTheSameDealIsCreatedAgain() {
    String deal = Handoffs.dealId();
    Response first = httpPost("/api/handoffs", Handoffs.draftFromCrm(deal)).expect(201);

    Response again = httpPost("/api/handoffs", Handoffs.draftFromCrm(deal)).expect(200);

    assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(again.json().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void shouldRefuseAStaleUpdateWith412AndKeepTheNewerChange() {
    String deal = Handoffs.dealId();
    Response created = httpPost("/api/handoffs", Handoffs.draftFromCrm(deal)).expect(201);
    String id = created.json().get("id").asText();
    Map<String, Object> mine = Handoffs.draftFromCrm(deal);
    mine.put("salesNotes", "first writer");
    httpPut("/api/handoffs/" + id, mine, created.etag()).expect(200);

    Map<String, Object> theirs = Handoffs.draftFromCrm(deal);
    theirs.put("salesNotes", "second writer, based on version 1");
    Response stale = httpPut("/api/handoffs/" + id, theirs, created.etag());

    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().get("currentVersion").asInt()).isEqualTo(2);
    assertThat(httpGet("/api/handoffs/" + id).json().get("content").get("salesNotes").asText()).isEqualTo("first writer");
    assertThat(httpPut("/api/handoffs/" + id, theirs, null).status()).isEqualTo(428);
  }

  @Test
  void shouldRefuseAnIncompleteSubmitWithWhatIsMissingUnlessOverriddenWithAReason() {
    Response created = httpPost("/api/handoffs", Handoffs.draftFromCrm(Handoffs.dealId())).expect(201);
    String id = created.json().get("id").asText();

    Response refused = httpPost("/api/handoffs/" + id + "/submit", null);
    assertThat(refused.status()).isEqualTo(409);
    List<String> rules = new ArrayList<>();
    refused.json().get("missing").forEach(m -> rules.add(m.get("rule").asText()));
    assertThat(rules).contains("EXECUTIVE_SPONSOR", "GOALS", "TARGET_GO_LIVE").doesNotContain("CRM_DEAL");
    assertThat(httpGet("/api/handoffs/" + id).json().get("status").asText()).isEqualTo("DRAFT");
    engine.verify(0, postRequestedFor(urlPathEqualTo("/engine-rest/message")));

    Response tooShort = httpPost("/api/handoffs/" + id + "/submit", Map.of("override", Map.of("reason", "asap")));
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.json().get("errors").get(0).get("field").asText()).isEqualTo("override.reason");

    Response overridden = httpPost("/api/handoffs/" + id + "/submit",
        Map.of("override", Map.of("reason", "Customer kickoff is tomorrow; goals come from the call"))).expect(200);
    assertThat(overridden.json().get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(overridden.json().get("overrideReason").asText()).startsWith("Customer kickoff");
    List<String> kinds = new ArrayList<>();
    httpGet("/api/handoffs/" + id + "/history").json().forEach(c -> kinds.add(c.get("kind").asText()));
    assertThat(kinds).containsExactly("CREATED", "SUBMITTED_WITH_OVERRIDE");
  }

  @Test
  void shouldAuditWhoChangedWhichFieldsAndNotAllowEditsWhileInReview() {
    String deal = Handoffs.dealId();
    Response created = httpPost("/api/handoffs", Handoffs.complete(deal)).expect(201);
    String id = created.json().get("id").asText();
    Map<String, Object> changed = Handoffs.complete(deal);
    changed.put("salesNotes", "Champion prefers Tuesdays");
    changed.put("arr", 52000);
    Response updated = httpPut("/api/handoffs/" + id, changed, created.etag()).expect(200);
    httpPost("/api/handoffs/" + id + "/submit", null).expect(200);

    JsonNode history = httpGet("/api/handoffs/" + id + "/history").expect(200).json();
    assertThat(history).hasSize(3);
    assertThat(history.get(1).get("kind").asText()).isEqualTo("UPDATED");
    assertThat(history.get(1).get("actor").asText()).isEqualTo("sales");
    assertThat(history.get(1).get("fields")).extracting(JsonNode::asText).containsExactlyInAnyOrder("arr", "salesNotes");

    Response edit = httpPut("/api/handoffs/" + id, Handoffs.complete(deal), "\"3\"");
    assertThat(edit.status()).isEqualTo(409);
    assertThat(edit.json().get("detail").asText()).contains("SUBMITTED");
    assertThat(httpGet("/api/handoffs?status=SUBMITTED&limit=500").json()).anyMatch(h -> h.get("id").asText().equals(id));
    assertThat(httpGet("/api/handoffs?status=DRAFT&limit=500").json()).noneMatch(h -> h.get("id").asText().equals(id));
    assertThat(updated.etag()).isEqualTo("\"2\"");
  }

  @Test
  void shouldAnswerNothingWithoutAuthenticationButHealthProbes() {
    assertThat(send("GET", "/api/handoffs", null, Map.of(), null, null).status()).isEqualTo(401);
    assertThat(send("GET", "/api/handoffs", null, Map.of(), "sales", "wrong").status()).isEqualTo(401);
    assertThat(send("GET", "/v3/api-docs", null, Map.of(), null, null).status()).isEqualTo(401);
    assertThat(send("GET", "/actuator/health/readiness", null, Map.of(), null, null).status()).isEqualTo(200);
  }

  @Test
  void shouldServeItsOpenApiDocument() {
    JsonNode api = httpGet("/v3/api-docs").expect(200).json();
    assertThat(api.get("paths").has("/api/handoffs/{id}/submit")).isTrue();
    assertThat(api.get("paths").get("/api/handoffs/{id}").has("put")).isTrue();
  }
}

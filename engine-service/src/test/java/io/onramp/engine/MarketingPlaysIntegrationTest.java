package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Marketing plays are side effects beside the journey: never waited for, and each one's fate shown on the onboarding. */
class MarketingPlaysIntegrationTest extends EngineIntegrationTest {

  @Test
  void shouldRunToSteadyStateWithoutEloquaAndReportEachPlaySentOrSkipped() {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "9101",
        "eloquaContactEmails", List.of("ada@acme.example"), "eloquaContactRoles", "{\"ada@acme.example\":\"CHAMPION\"}"));
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    journeys.completeMarketingPlay(pi);                                     // Eloqua sends the welcome, then goes away
    for (String task : List.of("Task_HoldKickoffCall", "Task_CompleteTechnicalSetup")) {
      journeys.complete(pi, task);
    }
    String window = as(ADMIN).get("/engine-rest/job?maxResults=5&processInstanceId=" + pi + "&activityId=Event_TrainingInvitationWindowPassed")
        .expect(200).json().get(0).get("id").asText();
    as(ADMIN).post("/engine-rest/job/" + window + "/execute", Map.of()).expect(204);   // three days later
    for (String task : List.of("Task_DeliverAdminTraining", "Task_DeliverEndUserTraining", "Task_ConfirmGoLive",
        "Task_ConfirmFirstValue", "Task_ReviewAdoption")) {
      journeys.complete(pi, task);                                          // the CSAT survey waits for nobody
    }

    JsonNode onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(onboarding.get("stage").asText()).isEqualTo("STEADY_STATE");
    assertThat(onboarding.get("endedAt").isNull()).as("the journey ended").isFalse();
    List<String> plays = new ArrayList<>();
    onboarding.get("marketingPlays").forEach(p -> plays.add(p.get("activityId").asText() + " " + p.get("status").asText()
        + (p.hasNonNull("reason") ? ": " + p.get("reason").asText() : "")));
    assertThat(plays).containsExactly("Task_SendWelcome SENT",
        "Task_SendTrainingInvitation SKIPPED: not sent within its window (the Eloqua connector was away or is not running)",
        "Task_SendCsatSurvey SKIPPED: the journey moved on before it was sent");
    assertThat(as(ADMIN).get("/engine-rest/external-task?processInstanceId=" + pi + "&maxResults=10").expect(200).json())
        .as("nothing left for Eloqua to send late").isEmpty();
  }
}

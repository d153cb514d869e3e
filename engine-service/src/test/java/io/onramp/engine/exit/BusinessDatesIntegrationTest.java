package io.onramp.engine.exit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.engine.Journeys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

/** Time to value ends at the first-value date the CSM records, not at the click; the timeline uses the recorded dates too. */
class BusinessDatesIntegrationTest extends EngineIntegrationTest {

  @Test
  void shouldDateGoLiveAndFirstValueByWhatTheCsmRecordedInTheOnboardingTheInsightsAndTheCrmSnapshot() {
    LocalDate won = LocalDate.of(2019, 3, 4);                       // a quarter no other test writes
    Journeys journeys = new Journeys(as(ADMIN));
    at(won.plusDays(1));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("closedWonAt", won.toString(), "hubspotDealId", "77001"));
    journeys.complete(pi, "Task_ReviewHandoff");
    for (String step : List.of("Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
        "Task_DeliverEndUserTraining")) {
      at(won.plusDays(10));
      journeys.complete(pi, step);
    }
    at(won.plusDays(40));                                           // the CSM confirms on day 40 that it went live on day 35
    journeys.complete(pi, "Task_ConfirmGoLive", Map.of("confirmedGoLiveDate", won.plusDays(35).toString()));
    at(won.plusDays(52));                                           // and on day 52 that first value came on day 47
    journeys.complete(pi, "Task_ConfirmFirstValue", Map.of("firstValueReachedOn", won.plusDays(47).toString()));

    JsonNode onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(onboarding.get("ttvDays").asLong()).as("recorded first-value date minus closed-won").isEqualTo(47);
    assertThat(Instant.parse(onboarding.get("firstValueAt").asText())).isEqualTo(day(won.plusDays(47)));
    Map<String, String> entered = new HashMap<>();
    onboarding.get("timeline").forEach(t -> entered.put(t.get("stage").asText(), t.get("enteredAt").asText()));
    assertThat(Instant.parse(entered.get("GO_LIVE"))).isEqualTo(day(won.plusDays(35)));
    assertThat(Instant.parse(entered.get("FIRST_VALUE"))).isEqualTo(day(won.plusDays(47)));
    assertThat(Instant.parse(entered.get("TRAINING"))).as("dated by the clicks").isEqualTo(day(won.plusDays(10)));
    Map<String, String> recorded = new HashMap<>();
    onboarding.get("timeline").forEach(t -> recorded.put(t.get("stage").asText(), t.get("recordedAt").asText()));
    assertThat(Instant.parse(recorded.get("GO_LIVE"))).as("recorded when the engine took it: the training's end on day 10")
        .isEqualTo(day(won.plusDays(10)));
    assertThat(Instant.parse(recorded.get("FIRST_VALUE"))).as("recorded on the CSM's click on day 52, dated day 47")
        .isEqualTo(day(won.plusDays(52)));

    JsonNode ttv = as(ADMIN).get("/api/insights/time-to-value?from=" + won + "&to=" + won.plusDays(1)).expect(200).json();
    assertThat(ttv.at("/overall/closedWonToFirstValue/median").asDouble()).as("insights: " + ttv).isEqualTo(47.0);
    JsonNode claimed = as(CONNECTOR).post("/api/sync/hubspot/claim", Map.of("workerId", "dates-test", "maxItems", 500)).expect(200).json();
    JsonNode snapshot = null;
    for (JsonNode item : claimed) {
      if (item.get("kind").asText().equals("ONBOARDING") && item.path("onboarding").path("id").asText().equals(pi)) {
        snapshot = item.get("onboarding");
      }
    }
    assertThat(snapshot).as("the CRM's row").isNotNull();
    assertThat(snapshot.get("ttvDays").asLong()).as("the CRM's TTV field").isEqualTo(47);
    assertThat(Instant.parse(snapshot.get("goLiveAt").asText())).isEqualTo(day(won.plusDays(35)));
  }

  @Test
  void shouldNeverDateAStageBeforeTheOneItFollowedNorInTheFuture() {
    LocalDate won = LocalDate.of(2019, 6, 3);
    Journeys journeys = new Journeys(as(ADMIN));
    at(won.plusDays(1));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("closedWonAt", won.toString()));
    journeys.complete(pi, "Task_ReviewHandoff");
    for (String step : List.of("Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
        "Task_DeliverEndUserTraining")) {
      at(won.plusDays(20));
      journeys.complete(pi, step);
    }
    at(won.plusDays(30));
    journeys.complete(pi, "Task_ConfirmGoLive", Map.of("confirmedGoLiveDate", won.plusDays(5).toString()));   // a typo: before training
    journeys.complete(pi, "Task_ConfirmFirstValue", Map.of("firstValueReachedOn", won.plusDays(400).toString()));  // a typo: next year

    Map<String, String> entered = new HashMap<>();
    as(ADMIN).get("/api/onboardings/" + pi).expect(200).json().get("timeline")
        .forEach(t -> entered.put(t.get("stage").asText(), t.get("enteredAt").asText()));
    assertThat(Instant.parse(entered.get("GO_LIVE"))).as("not before TRAINING").isEqualTo(day(won.plusDays(20)));
    assertThat(Instant.parse(entered.get("FIRST_VALUE"))).as("not in the future").isEqualTo(day(won.plusDays(30)));
  }

  private static void at(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day(day)));
  }

  private static Instant day(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}

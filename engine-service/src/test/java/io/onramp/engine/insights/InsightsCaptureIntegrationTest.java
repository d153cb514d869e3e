package io.onramp.engine.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.engine.Journeys;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A journey run through the engine leaves behind everything the insights group and measure by. */
class InsightsCaptureIntegrationTest extends EngineIntegrationTest {

  @Autowired
  JdbcClient jdbc;

  @Test
  void shouldRecordTheJourneysDimensionsKickoffCsmAndAnSlaBreachWithTheRescueChosen() {
    Journeys journeys = new Journeys(as(ADMIN));
    String handoff = "H-" + UUID.randomUUID();
    String pi = journeys.submitHandoff(handoff, "assisted", Map.of("product", "Analytics", "handoffCompleteness", 85,
        "handoffSubmittedAt", "2026-11-20T09:30:00Z", "closedWonAt", "2026-11-18"));
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    String kickoff = journeys.openTask(pi, "Task_HoldKickoffCall").get("id").asText();
    as(ADMIN).post("/engine-rest/task/" + kickoff + "/claim", Map.of("userId", CSM)).expect(204);

    JsonNode timer = as(ADMIN).get("/engine-rest/job?maxResults=200&processInstanceId=" + pi + "&activityId=Event_HoldKickoffCallOverdue")
        .expect(200).json().get(0);
    as(ADMIN).post("/engine-rest/job/" + timer.get("id").asText() + "/execute", "").expect(204);
    journeys.complete(pi, "Task_EscalateStalledStep", Map.of("rescueAction", "NUDGE"));
    journeys.complete(pi, "Task_HoldKickoffCall");

    Map<String, Object> row = jdbc.sql("select variant, product, arr, csm, kickoff_at, handoff_completeness, handoff_submitted_at, "
        + "closed_won_at from onramp_onboarding where id = ?").param(pi).query().singleRow();
    assertThat(row.get("variant")).isEqualTo("ASSISTED");
    assertThat(row.get("product")).isEqualTo("Analytics");
    assertThat((BigDecimal) row.get("arr")).isEqualByComparingTo("40000");
    assertThat(row.get("csm")).isEqualTo(CSM);
    assertThat(row.get("kickoff_at")).isNotNull();
    assertThat(row.get("handoff_completeness")).isEqualTo(85);
    assertThat(row.get("handoff_submitted_at").toString()).startsWith("2026-11-20");
    assertThat(jdbc.sql("select activity_id || '=' || rescue_action from onramp_sla_breach where onboarding_id = ?").param(pi)
        .query(String.class).list()).containsExactly("Task_HoldKickoffCall=NUDGE");
    List<String> stays = jdbc.sql("select stage || ':' || (left_at is not null) from onramp_stage_transition where onboarding_id = ? "
        + "order by entered_at, id").param(pi).query(String.class).list();
    assertThat(stays).containsExactly("HANDOFF:true", "KICKOFF:true", "SETUP:false");
    Map<String, Object> summary = jdbc.sql("select stages_reached, stage_days[1] is not null as handoff, stage_days[2] is not null "
        + "as kickoff, stage_days[3] is null as setup_open from onramp_onboarding where id = ?").param(pi).query().singleRow();
    assertThat(summary).containsEntry("stages_reached", 0b111).containsEntry("handoff", true).containsEntry("kickoff", true)
        .containsEntry("setup_open", true);
  }

  @Test
  void shouldRememberTheStageACancelledOnboardingDroppedOutOf() {
    Journeys journeys = new Journeys(as(ADMIN));
    String handoff = "H-" + UUID.randomUUID();
    String pi = journeys.submitHandoff(handoff, "assisted", Map.of());
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));

    journeys.correlate("CustomerCancelled", handoff);

    assertThat(jdbc.sql("select stage || ' from ' || cancelled_in from onramp_onboarding where id = ?").param(pi).query(String.class)
        .single()).isEqualTo("CANCELLED from KICKOFF");
  }
}

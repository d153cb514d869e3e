package io.onramp.engine.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.engine.EngineIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code ./onramp run}'s demo history: a year of labelled onboardings the insights page shows, written once. */
class DemoHistoryIntegrationTest extends EngineIntegrationTest {

  @Autowired
  JdbcClient jdbc;

  @Autowired
  io.onramp.engine.onboarding.OnboardingRepository onboardings;

  @Autowired
  Feedback feedback;

  @Autowired
  org.springframework.transaction.PlatformTransactionManager transactions;

  @Test
  void aYearOfLabelledOnboardingsRecordedOnceThatEveryReportShows() {
    jdbc.sql("delete from onramp_survey_answer where onboarding_id like 'demo-%'").update();
    jdbc.sql("delete from onramp_renewal_outcome where onboarding_id like 'demo-%'").update();
    jdbc.sql("delete from onramp_sla_breach where onboarding_id like 'demo-%'").update();
    jdbc.sql("delete from onramp_stage_transition where onboarding_id like 'demo-%'").update();
    jdbc.sql("delete from onramp_onboarding where id like 'demo-%'").update();
    DemoHistory demo = new DemoHistory(onboardings, feedback, jdbc, transactions);
    Instant now = Instant.parse("2031-06-01T12:00:00Z");                  // a year no other test writes

    assertThat(demo.seed(now)).isEqualTo(DemoHistory.ONBOARDINGS);
    assertThat(demo.seed(now)).as("once per database").isZero();

    assertThat(jdbc.sql("select count(*) from onramp_onboarding where business_key like 'DEMO-%' and account_name like 'Demo · %'")
        .query(Long.class).single()).isEqualTo(DemoHistory.ONBOARDINGS + 1);
    String year = "from=" + LocalDate.ofInstant(now, ZoneOffset.UTC).minusYears(1) + "&to=" + LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
    JsonNode completion = as(ADMIN).get("/api/insights/completion?" + year + "&by=segment").expect(200).json();
    assertThat(completion.at("/overall/completed").asLong()).as("most finish").isGreaterThan(100);
    assertThat(completion.at("/overall/cancelled").asLong()).isPositive();
    assertThat(completion.at("/overall/inFlight").asLong()).as("the recent ones are still going").isPositive();
    assertThat(completion.get("groups")).extracting(g -> g.get("key").asText()).containsExactly("assisted", "enterprise", "self-serve");
    JsonNode ttv = as(ADMIN).get("/api/insights/time-to-value?" + year + "&by=segment").expect(200).json();
    double selfServe = ttv.get("groups").get(2).at("/value/closedWonToFirstValue/median").asDouble();
    double enterprise = ttv.get("groups").get(1).at("/value/closedWonToFirstValue/median").asDouble();
    assertThat(enterprise).as("enterprise takes longer than self-serve").isGreaterThan(selfServe * 1.5);
    assertThat(as(ADMIN).get("/api/insights/sla?" + year).expect(200).json().at("/overall/breaches").asLong()).isPositive();
    assertThat(as(ADMIN).get("/api/insights/satisfaction?" + year).expect(200).json().at("/overall/csatAnswers").asLong()).isPositive();
    assertThat(as(ADMIN).get("/api/insights/onboardings?" + year + "&figure=at-risk").expect(200).json().get("total").asLong())
        .isPositive();
    assertThat(as(ADMIN).get("/api/insights/filters?" + year).expect(200).json().get("csm")).extracting(JsonNode::asText)
        .contains("casey", "jordan", "priya", "malik");
  }
}

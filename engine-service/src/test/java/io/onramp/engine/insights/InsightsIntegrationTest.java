package io.onramp.engine.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.engine.Api;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.engine.Journeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The insights over a seeded quarter of history (Jan–Mar 2020) whose expected figures are worked out
 * by hand below, from the rows as written (percentiles interpolated as PostgreSQL's percentile_cont:
 * position (n−1)·p in the sorted values).
 *
 * <pre>
 * id  segment variant    product   ARR   CSM    won     kickoff FV    end                      handoff(days, %)
 * A   SMB     ASSISTED   Analytics  20k  casey  Jan 10  +2      +10   STEADY_STATE             +1    100
 * B   SMB     ASSISTED   Analytics  30k  casey  Jan 10  +4      +20   STEADY_STATE             +2     80
 * C   SMB     SELF_SERVE Analytics   5k  casey  Feb  5  +1      +6    STEADY_STATE             +0.5  100
 * D   ENT     ENTERPRISE Platform  300k  jo     Feb  5  +5      +40   STEADY_STATE             +3     90
 * E   ENT     ENTERPRISE Platform  400k  jo     Mar  1  +3      -     CANCELLED in SETUP (+8)  +1     70
 * F   SMB     SELF_SERVE Analytics   8k  casey  Mar  1  +1      -     open at KICKOFF (stuck)  +1     60
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsIntegrationTest extends EngineIntegrationTest {

  private static final String QUARTER = "from=2020-01-01&to=2020-04-01";
  private static final Instant JAN_10 = Instant.parse("2020-01-10T00:00:00Z");
  private static final Instant FEB_5 = Instant.parse("2020-02-05T00:00:00Z");
  private static final Instant MAR_1 = Instant.parse("2020-03-01T00:00:00Z");

  @Autowired
  JdbcClient jdbc;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private SeededHistory history;

  @BeforeAll
  void seedHistory() {
    history = new SeededHistory(jdbc, run);
    history.sixOnboardings("SMB", "ENT", JAN_10, FEB_5, MAR_1);
  }

  @Test
  void shouldNarrowEveryReportToOneSegmentAndOneCsmAndRefuseABandThatDoesNotExist() {
    JsonNode smbOfCasey = lead().get("/api/insights/time-to-value?" + QUARTER + "&segment=SMB&csm=casey").expect(200).json();
    assertThat(smbOfCasey.at("/overall/onboardings").asLong()).as("A, B, C, F").isEqualTo(4);
    assertPercentiles(smbOfCasey.at("/overall/closedWonToFirstValue"), 3, 10.0, 15.0, 18.0);
    JsonNode bigDeals = lead().get("/api/insights/completion?" + QUARTER + "&arrBand=250k%2B").expect(200).json();
    assertThat(bigDeals.at("/overall/completed").asLong()).as("D").isEqualTo(1);
    assertThat(bigDeals.at("/overall/cancelled").asLong()).as("E").isEqualTo(1);
    assertThat(lead().get("/api/insights/sla?" + QUARTER + "&csm=jo").expect(200).json().at("/overall/steps/0/step").asText())
        .isEqualTo("Task_MigrateData");

    JsonNode refused = lead().get("/api/insights/stages?" + QUARTER + "&arrBand=huge").expect(400).json();
    assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("arrBand");
  }

  @Test
  void shouldListTheOnboardingsBehindAFigureWithTheirCsmStageAndHealth() {
    JsonNode stuck = lead().get("/api/insights/onboardings?" + QUARTER + "&figure=stuck").expect(200).json();
    assertThat(stuck.get("total").asLong()).isEqualTo(1);
    JsonNode f = stuck.get("onboardings").get(0);
    assertThat(f.get("account").asText()).isEqualTo("Account F");
    assertThat(f.get("csm").asText()).isEqualTo("casey");
    assertThat(f.get("stage").asText()).isEqualTo("KICKOFF");
    assertThat(f.get("health").asText()).isEqualTo("AT_RISK");
    assertThat(f.get("daysInStage").asDouble()).isGreaterThan(30);
    assertThat(f.get("onboardingUrl").asText()).isEqualTo("/api/onboardings/" + history.id("F"));

    JsonNode completedSmb = lead().get("/api/insights/onboardings?" + QUARTER + "&figure=completed&by=segment&group=SMB").expect(200).json();
    assertThat(completedSmb.get("onboardings")).extracting(o -> o.get("account").asText())
        .containsExactlyInAnyOrder("Account A", "Account B", "Account C");
    JsonNode breached = lead().get("/api/insights/onboardings?" + QUARTER + "&figure=breached:Task_HoldKickoffCall").expect(200).json();
    assertThat(breached.get("onboardings")).extracting(o -> o.get("account").asText()).containsExactlyInAnyOrder("Account A", "Account B");
    JsonNode reachedSetup = lead().get("/api/insights/onboardings?" + QUARTER + "&figure=stage:SETUP").expect(200).json();
    assertThat(reachedSetup.get("total").asLong()).as("the funnel's setup count")
        .isEqualTo(lead().get("/api/insights/stages?" + QUARTER).expect(200).json().at("/overall/stages/2/reached").asLong());

    assertThat(lead().get("/api/insights/onboardings?" + QUARTER + "&figure=bored").expect(400).json().at("/errors/0/field").asText())
        .isEqualTo("figure");
    assertThat(lead().get("/api/insights/onboardings?" + QUARTER + "&group=SMB").expect(400).json().at("/errors/0/field").asText())
        .isEqualTo("group");
    anonymous().get("/api/insights/onboardings?" + QUARTER).expect(401);
  }

  @Test
  void shouldExportTheListAndEachReportAsCsv() {
    Api.Response list = lead().get("/api/insights/onboardings.csv?" + QUARTER + "&figure=completed&segment=SMB").expect(200);
    String[] lines = list.body().split("\r\n");
    assertThat(lines[0]).startsWith("onboarding,handoff,account,segment,product,arr band,csm,stage,days in stage,health");
    assertThat(lines).hasSize(4);
    assertThat(List.of(lines).subList(1, 4)).allSatisfy(line -> assertThat(line).contains(",SMB,Analytics,").contains(",casey,STEADY_STATE,"));

    String[] completion = lead().get("/api/insights/completion.csv?" + QUARTER + "&by=segment").expect(200).body().split("\r\n");
    List<String> header = List.of(completion[0].split(","));
    assertThat(header).startsWith("group", "completed", "cancelled", "stuck");
    assertThat(completion).hasSize(4);
    assertThat(completion[1]).startsWith("all,4,1,1,");
    assertThat(completion[2]).startsWith("ENT,1,1,0,");
    assertThat(completion[3]).startsWith("SMB,3,0,1,");
    for (String report : List.of("time-to-value", "stages", "sla", "activation", "handoffs", "satisfaction", "retention", "customers-like-you")) {
      assertThat(lead().get("/api/insights/" + report + ".csv?" + QUARTER).expect(200).body()).as(report).startsWith("group,");
    }
    assertThat(lead().get("/api/insights/bogus.csv?" + QUARTER).expect(400).json().at("/errors/0/field").asText()).isEqualTo("report");
  }

  private Api lead() {
    return as(ADMIN);
  }

  @Test
  void shouldGiveTimeToFirstValuePercentilesOverallAndBySegment() {
    JsonNode report = lead().get("/api/insights/time-to-value?" + QUARTER + "&by=segment").expect(200).json();

    // closed-won → first value: 6, 10, 20, 40 days; kickoff → first value: 5, 8, 16, 35
    assertPercentiles(report.at("/overall/closedWonToFirstValue"), 4, 15.0, 25.0, 34.0);
    assertPercentiles(report.at("/overall/kickoffToFirstValue"), 4, 12.0, 20.8, 29.3);
    assertThat(report.at("/overall/onboardings").asLong()).isEqualTo(6);
    JsonNode ent = group(report, "ENT");
    JsonNode smb = group(report, "SMB");
    assertPercentiles(smb.at("/closedWonToFirstValue"), 3, 10.0, 15.0, 18.0);            // 6, 10, 20
    assertPercentiles(ent.at("/closedWonToFirstValue"), 1, 40.0, 40.0, 40.0);
    assertThat(smb.at("/onboardings").asLong()).isEqualTo(4);
  }

  @Test
  void shouldRaiseTheCompletionAlertUnderEightyPercentAndNameWhereOnboardingsDropOut() {
    JsonNode report = lead().get("/api/insights/completion?" + QUARTER + "&by=segment").expect(200).json();

    JsonNode overall = report.get("overall");                 // 4 completed, E cancelled, F stuck: 4/6
    assertThat(overall.get("completed").asLong()).isEqualTo(4);
    assertThat(overall.get("cancelled").asLong()).isEqualTo(1);
    assertThat(overall.get("stuck").asLong()).isEqualTo(1);
    assertThat(overall.get("rate").asDouble()).isEqualTo(0.667);
    assertThat(overall.get("alert").asBoolean()).isTrue();
    assertThat(report.get("alertBelow").asDouble()).isEqualTo(0.8);
    assertThat(group(report, "SMB").get("rate").asDouble()).isEqualTo(0.75);
    assertThat(group(report, "ENT").get("rate").asDouble()).isEqualTo(0.5);
    assertThat(report.get("dropOutsByStage").get("SETUP").asLong()).isEqualTo(1);
    assertThat(report.get("dropOutsByStage").get("KICKOFF").asLong()).isEqualTo(1);
    assertThat(report.get("trend")).extracting(m -> m.get("month").asText() + "=" + m.at("/completion/rate").asDouble()
        + (m.at("/completion/alert").asBoolean() ? "!" : "")).containsExactly("2020-01=1.0", "2020-02=1.0", "2020-03=0.0!");

    JsonNode lenient = lead().get("/api/insights/completion?" + QUARTER + "&alertBelow=0.6").expect(200).json();
    assertThat(lenient.at("/overall/alert").asBoolean()).isFalse();
  }

  @Test
  void shouldShowTheStageFunnelAndTimeInEachStage() {
    JsonNode report = lead().get("/api/insights/stages?" + QUARTER + "&by=segment").expect(200).json();

    JsonNode overall = report.get("overall");
    assertThat(overall.get("onboardings").asLong()).isEqualTo(6);
    assertThat(overall.get("stages")).extracting(s -> s.get("stage").asText()).startsWith("HANDOFF", "KICKOFF", "SETUP");
    JsonNode handoff = stage(overall, "HANDOFF");            // stays 1, 1, 2, 3, 4, 5 days
    assertThat(handoff.get("reached").asLong()).isEqualTo(6);
    assertPercentiles(handoff.get("daysInStage"), 6, 2.5, 3.8, 4.5);
    JsonNode kickoff = stage(overall, "KICKOFF");            // 2, 5, 8, 16, 35 days; F still there
    assertThat(kickoff.get("inStageNow").asLong()).isEqualTo(1);
    assertPercentiles(kickoff.get("daysInStage"), 5, 8.0, 16.0, 27.4);
    assertThat(stage(overall, "SETUP").get("reached").asLong()).isEqualTo(1);
    assertThat(stage(overall, "STEADY_STATE").get("shareOfCohort").asDouble()).isEqualTo(0.667);
    assertThat(stage(overall, "STEADY_STATE").has("daysInStage")).as("a final stage has no stay").isFalse();
    assertThat(stage(overall, "TRAINING").get("reached").asLong()).isZero();
    // by segment: ENT = D, E (kickoff stays 35 and 2); SMB = A, B, C, F
    assertPercentiles(stage(group(report, "ENT"), "KICKOFF").get("daysInStage"), 2, 18.5, 26.8, 31.7);
    assertThat(stage(group(report, "SMB"), "STEADY_STATE").get("reached").asLong()).isEqualTo(3);
    assertThat(stage(group(report, "SMB"), "STEADY_STATE").get("shareOfCohort").asDouble()).isEqualTo(0.75);
  }

  @Test
  void shouldCountSlaBreachesPerStepWithTheirRescuePlaysAndTheHealthOfOpenOnboardings() {
    JsonNode report = lead().get("/api/insights/sla?" + QUARTER + "&by=segment").expect(200).json();

    JsonNode overall = report.get("overall");
    assertThat(overall.get("breaches").asLong()).isEqualTo(3);
    JsonNode kickoff = overall.get("steps").get(0);
    assertThat(kickoff.get("step").asText()).isEqualTo("Task_HoldKickoffCall");
    assertThat(kickoff.get("onboardings").asLong()).isEqualTo(2);
    assertThat(kickoff.get("rescueActions")).isEqualTo(json(Map.of("NUDGE", 1, "PENDING", 1)));
    assertThat(overall.get("steps").get(1).get("rescueActions")).isEqualTo(json(Map.of("ESCALATE", 1)));
    assertThat(overall.get("healthOfOpenOnboardings")).isEqualTo(json(Map.of("ON_TRACK", 0, "AT_RISK", 1, "OFF_TRACK", 0)));
    assertThat(group(report, "ENT").get("steps")).extracting(s -> s.get("step").asText()).containsExactly("Task_MigrateData");
    assertThat(group(report, "SMB").get("breaches").asLong()).isEqualTo(2);
    assertThat(group(report, "SMB").at("/healthOfOpenOnboardings/AT_RISK").asLong()).isEqualTo(1);
  }

  @Test
  void shouldReportHandoffCompletenessAndSelfServeActivation() {
    JsonNode handoffs = lead().get("/api/insights/handoffs?" + QUARTER).expect(200).json().get("overall");
    assertThat(handoffs.get("handoffs").asLong()).isEqualTo(6);
    assertThat(handoffs.get("averageCompleteness").asDouble()).isEqualTo(83.3);       // 500 / 6
    assertThat(handoffs.get("shareComplete").asDouble()).isEqualTo(0.333);
    assertPercentiles(handoffs.get("closedWonToHandoffDays"), 6, 1.0, 1.8, 2.5);     // 0.5, 1, 1, 1, 2, 3

    JsonNode activation = lead().get("/api/insights/activation?" + QUARTER).expect(200).json().get("overall");
    assertThat(activation.get("selfServe").asLong()).isEqualTo(2);                   // C activated 5 days after kickoff; F never
    assertThat(activation.get("activatedInWindow").asLong()).isEqualTo(1);
    assertThat(activation.get("rate").asDouble()).isEqualTo(0.5);
  }

  @Test
  void shouldCorrelateSurveyAnswersAndRenewalsRecordedThroughTheApiWithTheOnboarding() {
    for (var answer : List.of(List.of("A", "CSAT", 5), List.of("B", "CSAT", 3), List.of("C", "CSAT", 4), List.of("A", "NPS", 10),
        List.of("B", "NPS", 6), List.of("C", "NPS", 9), List.of("D", "NPS", 8))) {
      lead().post("/api/insights/surveys", Map.of("onboarding", history.key((String) answer.get(0)), "kind", answer.get(1),
          "score", answer.get(2))).expect(201);
    }
    for (var outcome : List.of(List.of("A", "RENEWED"), List.of("B", "CHURNED"), List.of("C", "RENEWED"), List.of("D", "CHURNED"),
        List.of("E", "CHURNED"))) {
      lead().post("/api/insights/outcomes", Map.of("onboarding", history.id(outcome.get(0)), "outcome", outcome.get(1))).expect(201);
    }

    JsonNode satisfaction = lead().get("/api/insights/satisfaction?" + QUARTER).expect(200).json().get("overall");
    assertThat(satisfaction.get("csatAnswers").asLong()).isEqualTo(3);
    assertThat(satisfaction.get("averageCsat").asDouble()).isEqualTo(4.0);
    assertThat(satisfaction.get("npsAnswers").asLong()).isEqualTo(4);
    assertThat(satisfaction.get("nps").asDouble()).isEqualTo(25.0);                   // (2 promoters − 1 detractor) / 4

    // within a 15-day target: A (10) and C (6) renewed; late: B (20) and D (40) churned; E never reached first value
    JsonNode retention = lead().get("/api/insights/retention?" + QUARTER + "&targetDays=15&by=segment").expect(200).json();
    assertThat(retention.at("/overall/withinTarget/renewed").asLong()).isEqualTo(2);
    assertThat(retention.at("/overall/withinTarget/retentionRate").asDouble()).isEqualTo(1.0);
    assertThat(retention.at("/overall/late/churned").asLong()).isEqualTo(2);
    assertThat(retention.at("/overall/late/retentionRate").asDouble()).isEqualTo(0.0);
    assertThat(retention.at("/overall/neverReachedFirstValue/churned").asLong()).isEqualTo(1);
    assertThat(group(retention, "ENT").at("/late/churned").asLong()).as("D").isEqualTo(1);
    assertThat(group(retention, "ENT").at("/neverReachedFirstValue/churned").asLong()).as("E").isEqualTo(1);
    assertThat(group(retention, "SMB").at("/late/churned").asLong()).as("B").isEqualTo(1);
  }

  @Test
  void shouldSayWhatCustomersLikeYouExpectAndWidenWhenTooFewAreAlike() {
    String segment = "Z-" + run;                 // ten Beacon customers reaching first value after 7, 14 … 70 days
    for (int i = 1; i <= 10; i++) {
      history.onboardingAt("L" + i, segment, "Beacon", 20_000, Instant.parse("2019-06-01T00:00:00Z"), 7.0 * i);
    }
    history.onboardingAt("L11", segment, "Other", 20_000, Instant.parse("2019-06-01T00:00:00Z"), 10.0);
    history.onboardingAt("L12", segment, "Other", 20_000, Instant.parse("2019-06-01T00:00:00Z"), 12.0);

    JsonNode alike = lead().get("/api/insights/customers-like-you?segment=" + segment + "&product=Beacon&arr=25000").expect(200).json();
    assertThat(alike.get("n").asLong()).isEqualTo(10);
    assertThat(alike.get("comparedOn")).isEqualTo(json(Map.of("segment", segment, "arrBand", "10k-50k", "product", "Beacon")));
    JsonNode firstValue = milestone(alike, "FIRST_VALUE");
    assertThat(List.of(firstValue.get("p25").asDouble(), firstValue.get("median").asDouble(), firstValue.get("p75").asDouble()))
        .containsExactly(22.8, 38.5, 54.3);
    assertThat(alike.get("summary").asText()).isEqualTo("customers like you reach first value in 3–8 weeks; n=10");

    JsonNode widened = lead().get("/api/insights/customers-like-you?segment=" + segment + "&product=Other&arr=25000").expect(200).json();
    assertThat(widened.get("ignored")).extracting(JsonNode::asText).containsExactly("product");
    assertThat(widened.get("n").asLong()).isEqualTo(12);
    assertThat(milestone(widened, "FIRST_VALUE").get("median").asDouble()).isEqualTo(31.5);   // 7 10 12 14 21 [28 35] …
  }

  @Test
  void shouldShowTheCsLeadReviewingAHandoffWhatCustomersLikeThisOneTook() {
    String segment = "Y-" + run;
    for (int i = 1; i <= 10; i++) {
      history.onboardingAt("R" + i, segment, "Beacon", 20_000, Instant.parse("2019-06-01T00:00:00Z"), 7.0 * i);
    }
    Journeys journeys = new Journeys(lead());
    String pi = journeys.submitHandoff("H-review-" + run, segment, Map.of("product", "Beacon"));     // ARR 40,000: same band

    String review = journeys.openTask(pi, "Task_ReviewHandoff").get("id").asText();
    assertThat(lead().get("/engine-rest/task/" + review + "/variables/customersLikeYou").expect(200).json().get("value").asText())
        .isEqualTo("customers like you reach first value in 3–8 weeks; n=10");
  }

  @Test
  void shouldDocumentTheInsightsApiInOpenApi() {
    JsonNode api = lead().get("/v3/api-docs").expect(200).json();
    assertThat(api.get("paths").fieldNames()).toIterable().contains("/api/insights/time-to-value", "/api/insights/completion",
        "/api/insights/stages", "/api/insights/customers-like-you", "/api/insights/surveys", "/api/onboardings/{id}")
        .noneMatch(path -> path.startsWith("/insights/") || path.startsWith("/engine-rest"));
    assertThat(api.at("/paths/~1api~1insights~1completion/get/parameters")).extracting(p -> p.get("name").asText())
        .contains("from", "to", "by", "segment", "csm", "product", "arrBand", "alertBelow");
    assertThat(api.get("paths").fieldNames()).toIterable().contains("/api/insights/onboardings", "/api/insights/onboardings.csv",
        "/api/insights/{report}.csv");
  }

  @Test
  void shouldRefuseAQueryItCannotAnswerNamingTheParameter() {
    assertProblem(lead().get("/api/insights/time-to-value?by=colour"), "by", "'colour' is not a dimension");
    assertProblem(lead().get("/api/insights/completion?from=2020-13-01"), "from", "is not a date like");
    assertProblem(lead().get("/api/insights/stages?from=2020-03-01&to=2020-02-01"), "from", "must be before 'to'");
    assertProblem(lead().get("/api/insights/completion?alertBelow=80"), "alertBelow", "from 0 to 1");
    assertProblem(lead().post("/api/insights/surveys", Map.of("onboarding", history.id("A"), "kind", "CSAT", "score", 6)), "score",
        "from 1 to 5, not 6");
    assertProblem(lead().post("/api/insights/surveys", Map.of("onboarding", history.id("A"), "kind", "CES", "score", 3)), "kind",
        "use CSAT or NPS");
    assertProblem(lead().post("/api/insights/outcomes", Map.of("onboarding", history.id("A"), "outcome", "UPSOLD")), "outcome",
        "use RENEWED or CHURNED");
    assertThat(lead().post("/api/insights/outcomes", Map.of("onboarding", "nobody", "outcome", "RENEWED")).status()).isEqualTo(404);
    assertThat(anonymous().get("/api/insights/time-to-value").status()).isEqualTo(401);
  }

  // -- reading ----------------------------------------------------------------------------------------

  private static void assertPercentiles(JsonNode p, long n, double median, double p75, double p90) {
    assertThat(p.get("n").asLong()).as("n").isEqualTo(n);
    assertThat(List.of(p.get("median").asDouble(), p.get("p75").asDouble(), p.get("p90").asDouble()))
        .as("median, p75, p90 of %s", p).containsExactly(median, p75, p90);
  }

  private static void assertProblem(Api.Response response, String field, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    JsonNode error = response.json().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo(field);
    assertThat(error.get("message").asText()).contains(message);
  }

  private static JsonNode group(JsonNode report, String key) {
    for (JsonNode g : report.get("groups")) {
      if (g.get("key").asText().equals(key)) {
        return g.get("value");
      }
    }
    throw new AssertionError("no group " + key + " in " + report);
  }

  private static JsonNode stage(JsonNode report, String stage) {
    for (JsonNode s : report.get("stages")) {
      if (s.get("stage").asText().equals(stage)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + stage);
  }

  private static JsonNode milestone(JsonNode expectation, String stage) {
    for (JsonNode m : expectation.get("milestones")) {
      if (m.get("stage").asText().equals(stage)) {
        return m;
      }
    }
    throw new AssertionError("no milestone " + stage + " in " + expectation);
  }

  private static JsonNode json(Map<String, ?> map) {
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(map);
  }
}

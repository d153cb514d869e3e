package io.onramp.engine.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.engine.Journeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scorecard an operator scrapes from {@code /actuator/prometheus} and the Grafana dashboard charts.
 * The gauges are checked over the six onboardings of {@link InsightsIntegrationTest}'s table, won in
 * Jan–Mar 2016 and read with the engine's clock at 15 June 2016 (so the default period, the last twelve
 * months, holds exactly them); the figures are worked out by hand there and below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsMetricsIntegrationTest extends EngineIntegrationTest {

  private static final Path DASHBOARD = Path.of("../helm/onramp/dashboards/onramp-insights.json");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  @Autowired
  JdbcClient jdbc;

  @Autowired
  InsightsMetrics metrics;

  private final String segment = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
  private List<Sample> before;
  private List<Sample> after;
  private Duration ttvLow;
  private Duration ttvHigh;

  /**
   * One journey run to first value, 20 days after its closed-won date, with its kickoff call's SLA
   * breached on the way: run once, by the first test that needs it (the test users exist by then).
   */
  private void runAJourneyToFirstValue() {
    if (after != null) {
      return;
    }
    before = scrape();
    Journeys journeys = new Journeys(as(ADMIN));
    Instant wonAt = LocalDate.now(ZoneOffset.UTC).minusDays(20).atStartOfDay(ZoneOffset.UTC).toInstant();
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), segment, Map.of("closedWonAt", wonAt.toString().substring(0, 10)));
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    journeys.completeMarketingPlay(pi);
    JsonNode timer = as(ADMIN).get("/engine-rest/job?maxResults=200&processInstanceId=" + pi + "&activityId=Event_HoldKickoffCallOverdue")
        .expect(200).json().get(0);
    as(ADMIN).post("/engine-rest/job/" + timer.get("id").asText() + "/execute", "").expect(204);
    journeys.complete(pi, "Task_EscalateStalledStep", Map.of("rescueAction", "NUDGE"));
    for (String task : List.of("Task_HoldKickoffCall", "Task_CompleteTechnicalSetup", "Task_DeliverAdminTraining",
        "Task_DeliverEndUserTraining", "Task_ConfirmGoLive")) {
      journeys.complete(pi, task);
    }
    ttvLow = Duration.between(wonAt, Instant.now());
    journeys.complete(pi, "Task_ConfirmFirstValue");
    ttvHigh = Duration.between(wonAt, Instant.now());
    as(ADMIN).get("/api/insights/stages").expect(200);           // a report served, for the latency panel
    after = scrape();
  }

  @Test
  void shouldTimeEachOnboardingToFirstValueAndCountSlaBreachesAsTheyHappen() {
    runAJourneyToFirstValue();
    Map<String, String> mine = Map.of("segment", segment);
    assertThat(value(after, "onramp_onboarding_time_to_first_value_seconds_count", mine)).isEqualTo(1.0);
    assertThat(value(after, "onramp_onboarding_time_to_first_value_seconds_sum", mine))
        .as("20 days and the time of day, in seconds").isBetween((double) ttvLow.toSeconds() - 1, (double) ttvHigh.toSeconds() + 1);
    // buckets at the usual targets: 20 days is over 14 and within 21
    assertThat(bucket(after, segment, Duration.ofDays(14))).isZero();
    assertThat(bucket(after, segment, Duration.ofDays(21))).isEqualTo(1.0);
    assertThat(bucket(after, segment, Duration.ofDays(180))).isEqualTo(1.0);

    Map<String, String> step = Map.of("step", "Task_HoldKickoffCall");
    double breachesBefore = before.stream().anyMatch(s -> s.is("onramp_onboarding_sla_breaches_total", step))
        ? value(before, "onramp_onboarding_sla_breaches_total", step) : 0;
    assertThat(value(after, "onramp_onboarding_sla_breaches_total", step) - breachesBefore).isEqualTo(1.0);
  }

  @Test
  void shouldShowTheScorecardOfTheLastTwelveMonthsAsGauges() {
    SeededHistory history = new SeededHistory(jdbc, "metrics-" + UUID.randomUUID());
    history.sixOnboardings("SMB", "ENT", Instant.parse("2016-01-10T00:00:00Z"), Instant.parse("2016-02-05T00:00:00Z"),
        Instant.parse("2016-03-01T00:00:00Z"));
    for (List<Object> answer : List.of(List.<Object>of("A", "CSAT", 4), List.<Object>of("C", "CSAT", 5),
        List.<Object>of("A", "NPS", 10), List.<Object>of("B", "NPS", 3))) {
      as(ADMIN).post("/api/insights/surveys", Map.of("onboarding", history.id((String) answer.get(0)), "kind", answer.get(1),
          "score", answer.get(2))).expect(201);
    }
    ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2016-06-15T12:00:00Z")));

    metrics.refresh();
    List<Sample> card = scrape();

    // closed-won → first value 6, 10, 20, 40 days; kickoff → first value 5, 8, 16, 35 (interpolated: (n−1)·p)
    assertThat(gauge(card, "onramp_insights_time_to_first_value_days", "from", "closed_won", "quantile", "0.5")).isEqualTo(15.0);
    assertThat(gauge(card, "onramp_insights_time_to_first_value_days", "from", "closed_won", "quantile", "0.75")).isEqualTo(25.0);
    assertThat(gauge(card, "onramp_insights_time_to_first_value_days", "from", "closed_won", "quantile", "0.9")).isEqualTo(34.0);
    assertThat(gauge(card, "onramp_insights_time_to_first_value_days", "from", "kickoff", "quantile", "0.5")).isEqualTo(12.0);
    assertThat(gauge(card, "onramp_insights_time_to_first_value_days", "from", "kickoff", "quantile", "0.9")).isEqualTo(29.3);
    // A–D completed, E cancelled, F open at KICKOFF since 2 March: stuck (over 30 days) → 4 / 6, under the 80 % line
    assertThat(gauge(card, "onramp_insights_onboardings", "state", "completed")).isEqualTo(4.0);
    assertThat(gauge(card, "onramp_insights_onboardings", "state", "cancelled")).isEqualTo(1.0);
    assertThat(gauge(card, "onramp_insights_onboardings", "state", "stuck")).isEqualTo(1.0);
    assertThat(gauge(card, "onramp_insights_onboardings", "state", "in_flight")).isZero();
    assertThat(gauge(card, "onramp_insights_completion_rate")).isEqualTo(0.667);
    assertThat(gauge(card, "onramp_insights_completion_alert")).isEqualTo(1.0);
    assertThat(gauge(card, "onramp_insights_completion_alert_threshold")).isEqualTo(0.8);
    // funnel: all six reached HANDOFF and KICKOFF, E alone SETUP, A–D first value; days in HANDOFF 1,1,2,3,4,5 → 2.5, KICKOFF 2,5,8,16,35 → 8
    assertThat(gauge(card, "onramp_insights_stage_reached", "stage", "KICKOFF")).isEqualTo(6.0);
    assertThat(gauge(card, "onramp_insights_stage_reached", "stage", "SETUP")).isEqualTo(1.0);
    assertThat(gauge(card, "onramp_insights_stage_reached", "stage", "TRAINING")).isZero();
    assertThat(gauge(card, "onramp_insights_stage_reached", "stage", "FIRST_VALUE")).isEqualTo(4.0);
    assertThat(gauge(card, "onramp_insights_stage_days", "stage", "HANDOFF", "quantile", "0.5")).isEqualTo(2.5);
    assertThat(gauge(card, "onramp_insights_stage_days", "stage", "KICKOFF", "quantile", "0.5")).isEqualTo(8.0);
    // breaches: A and B at the kickoff call, D at data migration; the one open onboarding (F) is at risk
    assertThat(gauge(card, "onramp_insights_sla_breaches", "step", "Task_HoldKickoffCall")).isEqualTo(2.0);
    assertThat(gauge(card, "onramp_insights_sla_breaches", "step", "Task_MigrateData")).isEqualTo(1.0);
    assertThat(gauge(card, "onramp_insights_open_onboardings", "health", "at_risk")).isEqualTo(1.0);
    assertThat(gauge(card, "onramp_insights_open_onboardings", "health", "on_track")).isZero();
    // self-serve C (5 days kickoff → first value) and F (none): 1 of 2 within 14 days
    assertThat(gauge(card, "onramp_insights_activation_rate")).isEqualTo(0.5);
    // completeness 100, 80, 100, 90, 70, 60 → 83.3; closed-won → handoff 0.5, 1, 1, 1, 2, 3 days → median 1
    assertThat(gauge(card, "onramp_insights_handoff_completeness_average")).isEqualTo(83.3);
    assertThat(gauge(card, "onramp_insights_handoff_days", "quantile", "0.5")).isEqualTo(1.0);
    // CSAT 4 and 5 → 4.5; NPS one promoter (10), one detractor (3) of two → 0
    assertThat(gauge(card, "onramp_insights_csat_average")).isEqualTo(4.5);
    assertThat(gauge(card, "onramp_insights_nps")).isZero();
    assertThat(value(card, "onramp_insights_refresh_seconds_count", Map.of())).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void shouldChartOnlyMetricsEngineServicePublishes() throws Exception {
    runAJourneyToFirstValue();
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    TreeSet<String> published = new TreeSet<>();
    after.forEach(s -> published.add(s.name()));
    metrics.refresh();                                          // the journey's breach is a step of the period
    scrape().forEach(s -> published.add(s.name()));
    List<String> queried = new ArrayList<>();
    dashboard.get("panels").forEach(panel -> panel.path("targets").forEach(target -> {
      Matcher metric = Pattern.compile("\\b(onramp_[a-z0-9_]+|http_server_requests_seconds_[a-z]+)\\b").matcher(target.get("expr").asText());
      while (metric.find()) {
        queried.add(metric.group(1));
      }
    }));

    assertThat(queried).hasSizeGreaterThan(20);
    assertThat(published).as("metrics the dashboard queries").containsAll(queried);
    assertThat(after).as("the timer's 45-day bucket the dashboard reads")
        .anyMatch(s -> s.is("onramp_onboarding_time_to_first_value_seconds_bucket", Map.of("segment", segment, "le", "3888000.0")));
  }

  private record Sample(String name, Map<String, String> labels, double value) {
    boolean is(String metric, Map<String, String> with) {
      return name.equals(metric) && labels.entrySet().containsAll(with.entrySet());
    }
  }

  private List<Sample> scrape() {
    List<Sample> samples = new ArrayList<>();
    for (String line : as(ADMIN).get("/actuator/prometheus").expect(200).body().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!line.startsWith("#") && sample.matches()) {
        Map<String, String> labels = new HashMap<>();
        Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
        samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
      }
    }
    return samples;
  }

  private static double value(List<Sample> samples, String metric, Map<String, String> labels) {
    List<Sample> found = samples.stream().filter(s -> s.is(metric, labels)).toList();
    assertThat(found).as("%s%s", metric, labels).hasSize(1);
    return found.getFirst().value();
  }

  private static double gauge(List<Sample> samples, String metric, String... labels) {
    Map<String, String> wanted = new HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return value(samples, metric, wanted);
  }

  private static double bucket(List<Sample> samples, String segment, Duration le) {
    return samples.stream().filter(s -> s.is("onramp_onboarding_time_to_first_value_seconds_bucket", Map.of("segment", segment)))
        .filter(s -> Math.abs(Double.parseDouble(s.labels().get("le")) - le.toSeconds()) < 0.5)
        .findFirst().orElseThrow(() -> new AssertionError("no bucket le=" + le.toSeconds())).value();
  }
}

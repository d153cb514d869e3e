package io.onramp.engine.insights;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.onramp.processes.Stage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scorecard on {@code /actuator/prometheus}: the insights reports over their default period (the
 * twelve months up to today), read again every {@code onramp.insights.metrics-refresh} in the
 * background, so a scrape never waits for a report. Gauges are NaN until the first reading and where a
 * figure has no data. The Grafana dashboard {@code helm/onramp/dashboards/onramp-insights.json} charts them.
 */
@Component
class InsightsMetrics implements MeterBinder {

  private static final Logger log = LoggerFactory.getLogger(InsightsMetrics.class);
  private static final String PREFIX = "onramp.insights.";

  /** One reading of the reports the gauges show. */
  record Scorecard(OutcomeInsights.TimeToValue timeToValue, OutcomeInsights.CompletionReport completion,
                   JourneyInsights.Funnel funnel, JourneyInsights.Breaches sla, OutcomeInsights.Activation activation,
                   JourneyInsights.HandoffQuality handoffs, Feedback.Satisfaction satisfaction) {}

  private final OutcomeInsights outcomes;
  private final JourneyInsights journeys;
  private final Feedback feedback;
  private final ReportRun reports;
  private volatile Scorecard card;
  private MultiGauge slaBreaches;
  private Timer refreshes;

  InsightsMetrics(OutcomeInsights outcomes, JourneyInsights journeys, Feedback feedback, ReportRun reports) {
    this.outcomes = outcomes;
    this.journeys = journeys;
    this.feedback = feedback;
    this.reports = reports;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    String ttv = "days from closed-won (or kickoff) to first value, percentile over the period";
    for (String quantile : List.of("0.5", "0.75", "0.9")) {
      gauge(registry, "time.to.first.value.days", ttv, Tags.of("from", "closed_won", "quantile", quantile),
          c -> percentile(c.timeToValue().closedWonToFirstValue(), quantile));
      gauge(registry, "time.to.first.value.days", ttv, Tags.of("from", "kickoff", "quantile", quantile),
          c -> percentile(c.timeToValue().kickoffToFirstValue(), quantile));
    }
    gauge(registry, "completion.rate", "completed / (completed + cancelled + stuck) over the period", Tags.empty(),
        c -> c.completion().overall().rate());
    gauge(registry, "completion.alert", "1 while the completion rate is under the alert line", Tags.empty(),
        c -> c.completion().overall().alert() ? 1.0 : 0.0);
    gauge(registry, "completion.alert.threshold", "the completion rate's alert line (onramp.insights.completion-alert)", Tags.empty(),
        c -> c.completion().alertBelow());
    onboardingGauges(registry);
    for (Stage stage : Stage.values()) {
      gauge(registry, "stage.reached", "onboardings of the period that reached the stage", Tags.of("stage", stage.name()),
          c -> (double) c.funnel().stages().get(stage.ordinal()).reached());
      if (!stage.isFinal()) {
        gauge(registry, "stage.days", "median days spent in the stage", Tags.of("stage", stage.name(), "quantile", "0.5"),
            c -> c.funnel().stages().get(stage.ordinal()).daysInStage().median());
      }
    }
    gauge(registry, "activation.rate", "self-serve onboardings reaching first value within the activation window", Tags.empty(),
        c -> c.activation().rate());
    gauge(registry, "handoff.completeness.average", "average handoff completeness at submit (0-100)", Tags.empty(),
        c -> c.handoffs().averageCompleteness());
    gauge(registry, "handoff.days", "median days from closed-won to the handoff's submit", Tags.of("quantile", "0.5"),
        c -> c.handoffs().closedWonToHandoffDays().median());
    gauge(registry, "csat.average", "average onboarding CSAT (1-5)", Tags.empty(), c -> c.satisfaction().averageCsat());
    gauge(registry, "nps", "onboarding NPS (% promoters - % detractors)", Tags.empty(), c -> c.satisfaction().nps());
    slaBreaches = MultiGauge.builder(PREFIX + "sla.breaches").description("SLA breaches per step over the period").register(registry);
    refreshes = Timer.builder(PREFIX + "refresh").description("time to read the reports behind these gauges").register(registry);
  }

  private void onboardingGauges(MeterRegistry registry) {
    String won = "onboardings of the period by how they stand";
    gauge(registry, "onboardings", won, Tags.of("state", "completed"), c -> (double) c.completion().overall().completed());
    gauge(registry, "onboardings", won, Tags.of("state", "cancelled"), c -> (double) c.completion().overall().cancelled());
    gauge(registry, "onboardings", won, Tags.of("state", "stuck"), c -> (double) c.completion().overall().stuck());
    gauge(registry, "onboardings", won, Tags.of("state", "in_flight"), c -> (double) c.completion().overall().inFlight());
    for (String health : List.of("ON_TRACK", "AT_RISK", "OFF_TRACK")) {
      gauge(registry, "open.onboardings", "open onboardings of the period by health", Tags.of("health", health.toLowerCase(Locale.ROOT)),
          c -> (double) c.sla().healthOfOpenOnboardings().get(health));
    }
  }

  private void gauge(MeterRegistry registry, String name, String description, Tags tags, Function<Scorecard, Double> figure) {
    Gauge.builder(PREFIX + name, this, metrics -> metrics.read(figure)).description(description).tags(tags).register(registry);
  }

  private double read(Function<Scorecard, Double> figure) {
    Scorecard current = card;
    Double value = current == null ? null : figure.apply(current);
    return value == null ? Double.NaN : value;
  }

  private static Double percentile(Percentiles percentiles, String quantile) {
    return switch (quantile) {
      case "0.5" -> percentiles.median();
      case "0.75" -> percentiles.p75();
      default -> percentiles.p90();
    };
  }

  /** Reads the reports again; a failed reading keeps the last one (and says why in the log). */
  @Scheduled(fixedDelayString = "${onramp.insights.metrics-refresh:5m}", initialDelayString = "${onramp.insights.metrics-first-read:20s}")
  synchronized void refresh() {
    try {
      card = refreshes.recordCallable(this::read);
      slaBreaches.register(card.sla().steps().stream()
          .map(step -> MultiGauge.Row.of(Tags.of("step", step.step()), step.breaches())).toList(), true);
    } catch (Exception e) {
      log.warn("insights metrics not refreshed (the last reading stays): {}", e.toString());
    }
  }

  private Scorecard read() {
    Cohort cohort = Cohort.of(null, null, null, LocalDate.ofInstant(ClockUtil.now().toInstant(), ZoneOffset.UTC));
    return reports.run(() -> new Scorecard(outcomes.timeToValue(cohort).overall(), outcomes.completion(cohort, null),
        journeys.stages(cohort).overall(), journeys.sla(cohort).overall(), outcomes.activation(cohort).overall(),
        journeys.handoffs(cohort).overall(), feedback.satisfaction(cohort).overall()));
  }
}

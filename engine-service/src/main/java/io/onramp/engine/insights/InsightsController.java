package io.onramp.engine.insights;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Onboarding insights from the engine's own history (docs/insights.md). Reports take {@code from} and
 * {@code to} (closed-won dates, default the last twelve months) and most a {@code by} split: segment,
 * variant, product, csm or arr-band. Days are fractional, percentiles interpolated. The insights page
 * reads the same reports under {@value InsightsPage#DATA} with its browser session.
 */
@RestController
@RequestMapping({"/api/insights", InsightsPage.DATA})
class InsightsController {

  private final OutcomeInsights outcomes;
  private final JourneyInsights journeys;
  private final CustomersLikeYou customersLikeYou;
  private final Feedback feedback;
  private final ReportRun reports;

  InsightsController(OutcomeInsights outcomes, JourneyInsights journeys, CustomersLikeYou customersLikeYou, Feedback feedback,
                     ReportRun reports) {
    this.outcomes = outcomes;
    this.journeys = journeys;
    this.customersLikeYou = customersLikeYou;
    this.feedback = feedback;
    this.reports = reports;
  }

  @GetMapping("/time-to-value")
  GroupedReports.Report<OutcomeInsights.TimeToValue> timeToValue(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
    return reports.run(() -> outcomes.timeToValue(cohort(from, to, by)));
  }

  @GetMapping("/completion")
  OutcomeInsights.CompletionReport completion(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String by, @RequestParam(required = false) Double alertBelow) {
    return reports.run(() -> outcomes.completion(cohort(from, to, by), alertBelow));
  }

  @GetMapping("/stages")
  GroupedReports.Report<JourneyInsights.Funnel> stages(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
    return reports.run(() -> journeys.stages(cohort(from, to, by)));
  }

  @GetMapping("/sla")
  GroupedReports.Report<JourneyInsights.Breaches> sla(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
    return reports.run(() -> journeys.sla(cohort(from, to, by)));
  }

  @GetMapping("/activation")
  GroupedReports.Report<OutcomeInsights.Activation> activation(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
    return reports.run(() -> outcomes.activation(cohort(from, to, by)));
  }

  @GetMapping("/handoffs")
  GroupedReports.Report<JourneyInsights.HandoffQuality> handoffs(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
    return reports.run(() -> journeys.handoffs(cohort(from, to, by)));
  }

  @GetMapping("/satisfaction")
  GroupedReports.Report<Feedback.Satisfaction> satisfaction(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
    return reports.run(() -> feedback.satisfaction(cohort(from, to, by)));
  }

  @GetMapping("/retention")
  OutcomeInsights.RetentionReport retention(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String by, @RequestParam(required = false) Integer targetDays) {
    return reports.run(() -> outcomes.retention(cohort(from, to, by), targetDays));
  }

  @GetMapping("/customers-like-you")
  CustomersLikeYou.Expectation customersLikeYou(@RequestParam(required = false) String segment,
      @RequestParam(required = false) String product, @RequestParam(required = false) Double arr) {
    return reports.run(() -> customersLikeYou.expect(segment, product, arr));
  }

  @PostMapping("/surveys")
  @ResponseStatus(HttpStatus.CREATED)
  Feedback.Recorded survey(@RequestBody Feedback.SurveyAnswer answer) {
    return feedback.survey(answer);
  }

  @PostMapping("/outcomes")
  @ResponseStatus(HttpStatus.CREATED)
  Feedback.Recorded outcome(@RequestBody Feedback.RenewalOutcome outcome) {
    return feedback.outcome(outcome);
  }

  private static Cohort cohort(String from, String to, String by) {
    return Cohort.of(from, to, by, LocalDate.ofInstant(ClockUtil.now().toInstant(), ZoneOffset.UTC));
  }
}

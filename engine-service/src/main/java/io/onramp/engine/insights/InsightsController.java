package io.onramp.engine.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.web.InvalidField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Onboarding insights from the engine's own history (docs/insights.md). Reports take {@code from} and
 * {@code to} (closed-won dates, default the last twelve months), filters ({@code segment}, {@code variant},
 * {@code product}, {@code csm}, {@code arrBand}: one value each) and most a {@code by} split: segment, variant,
 * product, csm or arr-band. Days are fractional, percentiles interpolated. Each report is also CSV
 * ({@code /<report>.csv}), and {@code /onboardings} lists the onboardings behind a figure (JSON or CSV). The
 * insights page reads the same under {@value InsightsPage#DATA} with its browser session.
 */
@RestController
@RequestMapping({"/api/insights", InsightsPage.DATA})
class InsightsController {

  private static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=utf-8");

  private final OutcomeInsights outcomes;
  private final JourneyInsights journeys;
  private final CustomersLikeYou customersLikeYou;
  private final Feedback feedback;
  private final ReportRun reports;
  private final OnboardingList onboardings;
  private final ObjectMapper json;

  InsightsController(OutcomeInsights outcomes, JourneyInsights journeys, CustomersLikeYou customersLikeYou, Feedback feedback,
                     ReportRun reports, OnboardingList onboardings, ObjectMapper json) {
    this.outcomes = outcomes;
    this.journeys = journeys;
    this.customersLikeYou = customersLikeYou;
    this.feedback = feedback;
    this.reports = reports;
    this.onboardings = onboardings;
    this.json = json;
  }

  @GetMapping("/time-to-value")
  GroupedReports.Report<OutcomeInsights.TimeToValue> timeToValue(@ParameterObject Slice slice) {
    return reports.run(() -> outcomes.timeToValue(slice.cohort()));
  }

  @GetMapping("/completion")
  OutcomeInsights.CompletionReport completion(@ParameterObject Slice slice, @RequestParam(required = false) Double alertBelow) {
    return reports.run(() -> outcomes.completion(slice.cohort(), alertBelow));
  }

  @GetMapping("/stages")
  GroupedReports.Report<JourneyInsights.Funnel> stages(@ParameterObject Slice slice) {
    return reports.run(() -> journeys.stages(slice.cohort()));
  }

  @GetMapping("/sla")
  GroupedReports.Report<JourneyInsights.Breaches> sla(@ParameterObject Slice slice) {
    return reports.run(() -> journeys.sla(slice.cohort()));
  }

  @GetMapping("/activation")
  GroupedReports.Report<OutcomeInsights.Activation> activation(@ParameterObject Slice slice) {
    return reports.run(() -> outcomes.activation(slice.cohort()));
  }

  @GetMapping("/handoffs")
  GroupedReports.Report<JourneyInsights.HandoffQuality> handoffs(@ParameterObject Slice slice) {
    return reports.run(() -> journeys.handoffs(slice.cohort()));
  }

  @GetMapping("/satisfaction")
  GroupedReports.Report<Feedback.Satisfaction> satisfaction(@ParameterObject Slice slice) {
    return reports.run(() -> feedback.satisfaction(slice.cohort()));
  }

  @GetMapping("/retention")
  OutcomeInsights.RetentionReport retention(@ParameterObject Slice slice, @RequestParam(required = false) Integer targetDays) {
    return reports.run(() -> outcomes.retention(slice.cohort(), targetDays));
  }

  @GetMapping("/customers-like-you")
  CustomersLikeYou.Expectation customersLikeYou(@RequestParam(required = false) String segment,
      @RequestParam(required = false) String product, @RequestParam(required = false) Double arr) {
    return reports.run(() -> customersLikeYou.expect(segment, product, arr));
  }

  /** The onboardings behind a figure ({@link OnboardingList}): account, CSM, stage, days in stage, health, links. */
  @GetMapping("/onboardings")
  OnboardingList.Listing onboardings(@ParameterObject Slice slice, @RequestParam(required = false) String figure,
      @RequestParam(required = false) String group, @RequestParam(required = false) Integer limit) {
    return reports.run(() -> onboardings.list(slice.cohort(), figure, group, limit));
  }

  /** The values each filter can take in the period: segment, variant, product, csm, arrBand. */
  @GetMapping("/filters")
  Map<String, java.util.List<String>> filters(@ParameterObject Slice slice) {
    return reports.run(() -> onboardings.values(slice.cohort()));
  }

  @GetMapping("/onboardings.csv")
  ResponseEntity<String> onboardingsCsv(@ParameterObject Slice slice, @RequestParam(required = false) String figure,
      @RequestParam(required = false) String group, @RequestParam(required = false) Integer limit) {
    OnboardingList.Listing listing = onboardings(slice, figure, group, limit == null ? OnboardingList.MAX_LIMIT : limit);
    return csv("onboardings-" + listing.figure().replaceAll("[^A-Za-z0-9_-]", "_"), CsvTable.listing(listing));
  }

  /** Any report above as CSV: one row overall and one per group. */
  @GetMapping("/{report}.csv")
  ResponseEntity<String> reportCsv(@PathVariable String report, @ParameterObject Slice slice, @RequestParam(required = false) Double alertBelow,
      @RequestParam(required = false) Integer targetDays) {
    Map<String, Function<Slice, Object>> all = new LinkedHashMap<>();
    all.put("time-to-value", this::timeToValue);
    all.put("completion", s -> completion(s, alertBelow));
    all.put("stages", this::stages);
    all.put("sla", this::sla);
    all.put("activation", this::activation);
    all.put("handoffs", this::handoffs);
    all.put("satisfaction", this::satisfaction);
    all.put("retention", s -> retention(s, targetDays));
    all.put("customers-like-you", s -> customersLikeYou(s.segment(), s.product(), null));
    Function<Slice, Object> run = all.get(report);
    if (run == null) {
      throw new InvalidField("report", "'" + report + "' is not a report; use one of " + String.join(", ", all.keySet()));
    }
    return csv(report, CsvTable.report(json.valueToTree(run.apply(slice))));
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

  private static ResponseEntity<String> csv(String name, String body) {
    return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
        .body(body);
  }
}

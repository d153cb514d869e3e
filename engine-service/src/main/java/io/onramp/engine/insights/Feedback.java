package io.onramp.engine.insights;

import io.onramp.engine.onboarding.Onboarding;
import io.onramp.engine.onboarding.OnboardingNotFound;
import io.onramp.engine.onboarding.OnboardingRepository;
import io.onramp.web.InvalidField;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What customers tell us after onboarding: survey answers (CSAT 1–5, NPS 0–10; a later answer of the
 * same kind replaces the earlier) and the renewal outcome (RENEWED or CHURNED), each tied to the onboarding.
 */
@Service
class Feedback {

  record SurveyAnswer(String onboarding, String kind, Integer score, Instant answeredAt) {}
  record RenewalOutcome(String onboarding, String outcome, Instant decidedAt) {}
  record Recorded(String onboardingId, String businessKey, String kind, Object value, Instant at) {}
  record Satisfaction(long csatAnswers, Double averageCsat, long npsAnswers, Double nps) {}

  private final JdbcClient jdbc;
  private final OnboardingRepository onboardings;
  private final GroupedReports reports;

  Feedback(JdbcClient jdbc, OnboardingRepository onboardings, GroupedReports reports) {
    this.jdbc = jdbc;
    this.onboardings = onboardings;
    this.reports = reports;
  }

  @Transactional
  Recorded survey(SurveyAnswer answer) {
    Onboarding onboarding = onboarding(answer.onboarding());
    String kind = required("kind", answer.kind()).toUpperCase(Locale.ROOT);
    int max = switch (kind) {
      case "CSAT" -> 5;
      case "NPS" -> 10;
      default -> throw new InvalidField("kind", "'" + answer.kind() + "' is not a survey kind; use CSAT or NPS");
    };
    int min = kind.equals("CSAT") ? 1 : 0;
    if (answer.score() == null || answer.score() < min || answer.score() > max) {
      throw new InvalidField("score", "a " + kind + " score is a whole number from " + min + " to " + max
          + (answer.score() == null ? "; it is missing" : ", not " + answer.score()));
    }
    Instant at = answer.answeredAt() != null ? answer.answeredAt() : ClockUtil.now().toInstant();
    jdbc.sql("""
        insert into onramp_survey_answer (onboarding_id, kind, score, answered_at) values (?, ?, ?, ?)
        on conflict (onboarding_id, kind) do update set score = excluded.score, answered_at = excluded.answered_at
        """).params(onboarding.id(), kind, answer.score(), Timestamp.from(at)).update();
    return new Recorded(onboarding.id(), onboarding.businessKey(), kind, answer.score(), at);
  }

  @Transactional
  Recorded outcome(RenewalOutcome outcome) {
    Onboarding onboarding = onboarding(outcome.onboarding());
    String value = required("outcome", outcome.outcome()).toUpperCase(Locale.ROOT);
    if (!value.equals("RENEWED") && !value.equals("CHURNED")) {
      throw new InvalidField("outcome", "'" + outcome.outcome() + "' is not an outcome; use RENEWED or CHURNED");
    }
    Instant at = outcome.decidedAt() != null ? outcome.decidedAt() : ClockUtil.now().toInstant();
    jdbc.sql("""
        insert into onramp_renewal_outcome (onboarding_id, outcome, decided_at) values (?, ?, ?)
        on conflict (onboarding_id) do update set outcome = excluded.outcome, decided_at = excluded.decided_at
        """).params(onboarding.id(), value, Timestamp.from(at)).update();
    return new Recorded(onboarding.id(), onboarding.businessKey(), "RENEWAL", value, at);
  }

  /** Average CSAT, and NPS = % promoters (9–10) − % detractors (0–6), per group of the cohort. */
  GroupedReports.Report<Satisfaction> satisfaction(Cohort cohort) {
    String joins = "left join onramp_survey_answer c on c.onboarding_id = o.id and c.kind = 'CSAT' "
        + "left join onramp_survey_answer n on n.onboarding_id = o.id and n.kind = 'NPS'";
    return reports.grouped(cohort, joins, "count(c.score), avg(c.score), count(n.score), "
        + "count(*) filter (where n.score >= 9), count(*) filter (where n.score <= 6)", cohort.params(), rs -> {
          long npsAnswers = rs.getLong(5);
          Double score = npsAnswers == 0 ? null : Math.round(1000.0 * (rs.getLong(6) - rs.getLong(7)) / npsAnswers) / 10.0;
          return new Satisfaction(rs.getLong(3), Percentiles.round(rs.getObject(4)), npsAnswers, score);
        });
  }

  private Onboarding onboarding(String idOrBusinessKey) {
    String key = required("onboarding", idOrBusinessKey);
    return onboardings.find(key).or(() -> onboardings.findByBusinessKey(key)).orElseThrow(() -> new OnboardingNotFound(key));
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidField(field, "is required");
    }
    return value.trim();
  }
}

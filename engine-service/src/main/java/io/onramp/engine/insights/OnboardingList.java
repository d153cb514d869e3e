package io.onramp.engine.insights;

import io.onramp.processes.Stage;
import io.onramp.web.InvalidField;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The onboardings behind a figure of a report: the cohort (period and filters), narrowed to one {@code figure} and, with
 * a split, to one {@code group}; those longest in their stage first. Figures: {@code won} (all), {@code first-value},
 * {@code completed}, {@code cancelled}, {@code stuck}, {@code in-flight}, {@code at-risk}, {@code self-serve},
 * {@code stage:<STAGE>} (reached it), {@code breached:<step id>} (its SLA passed), {@code renewed}, {@code churned},
 * {@code surveyed}.
 */
@Component
class OnboardingList {

  record Row(String id, String handoffId, String account, String segment, String product, String arrBand, String csm, String stage,
             Double daysInStage, String health, Instant closedWonAt, Instant firstValueAt, String onboardingUrl, String cockpitUrl) {}

  record Listing(LocalDate from, LocalDate to, String figure, String by, String group, long total, int limit, List<Row> onboardings) {}

  static final int MAX_LIMIT = 10_000;
  private static final List<String> FIGURES = List.of("won", "first-value", "completed", "cancelled", "stuck", "in-flight", "at-risk",
      "self-serve", "stage:<STAGE>", "breached:<step id>", "renewed", "churned", "surveyed");

  private final JdbcClient jdbc;
  private final InsightsProperties properties;

  OnboardingList(JdbcClient jdbc, InsightsProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  Listing list(Cohort cohort, String figure, String group, Integer limit) {
    int max = limit == null ? 500 : limit;
    if (max < 1 || max > MAX_LIMIT) {
      throw new InvalidField("limit", "must be from 1 to " + MAX_LIMIT + ", not " + max);
    }
    Map<String, Object> params = new HashMap<>(cohort.params());
    Instant now = ClockUtil.now().toInstant();
    params.put("now", Timestamp.from(now));
    params.put("stuckBefore", Timestamp.from(now.minus(properties.stuckAfter())));
    String which = figure == null || figure.isBlank() ? "won" : figure.trim();
    String where = cohort.where() + " and " + condition(which, params);
    if (group != null && !group.isBlank()) {
      if (cohort.by() == null) {
        throw new InvalidField("group", "a group needs a split: add by=segment (or variant, product, csm, arr-band)");
      }
      where += " and " + cohort.by().sql + " = :group";
      params.put("group", group.trim());
    }
    long total = jdbc.sql("select count(*) from onramp_onboarding o where " + where).params(params).query(Long.class).single();
    List<Row> rows = jdbc.sql("""
        select o.id, o.business_key, o.account_name, o.segment, o.product, %s as arr_band, o.csm, o.stage, o.health,
          extract(epoch from (coalesce(o.ended_at, cast(:now as timestamptz)) - o.stage_entered_at)) / 86400 as days_in_stage,
          o.closed_won_at, o.first_value_at
        from onramp_onboarding o where %s
        order by o.ended_at is null desc, o.stage_entered_at nulls last, o.id limit %d
        """.formatted(Dimension.ARR_BAND.sql, where, max)).params(params)
        .query((rs, n) -> new Row(rs.getString("id"), rs.getString("business_key"), rs.getString("account_name"), rs.getString("segment"),
            rs.getString("product"), rs.getString("arr_band"), rs.getString("csm"), rs.getString("stage"),
            rs.getObject("days_in_stage") == null ? null : Math.round(rs.getDouble("days_in_stage") * 10) / 10.0, rs.getString("health"),
            instant(rs.getTimestamp("closed_won_at")), instant(rs.getTimestamp("first_value_at")),
            "/api/onboardings/" + rs.getString("id"), "/camunda/app/cockpit/default/#/process-instance/" + rs.getString("id")))
        .list();
    return new Listing(cohort.from(), cohort.to(), which, cohort.by() == null ? null : cohort.by().label(),
        group == null || group.isBlank() ? null : group.trim(), total, max, rows);
  }

  /** The values each filter can take in the cohort's period (what the page offers), most frequent first. */
  Map<String, List<String>> values(Cohort cohort) {
    Map<String, List<String>> values = new java.util.LinkedHashMap<>();
    for (Dimension dimension : Dimension.values()) {
      values.put(dimension.parameter(), jdbc.sql("select " + dimension.sql + ", count(*) from onramp_onboarding o where " + cohort.where()
          + " group by 1 order by 2 desc, 1 limit 200").params(cohort.params()).query((rs, n) -> rs.getString(1)).list());
    }
    return values;
  }

  private static String condition(String figure, Map<String, Object> params) {
    switch (figure) {
      case "won": return "true";
      case "first-value": return "o.first_value_at is not null";
      case "completed": return "o.stage = 'STEADY_STATE'";
      case "cancelled": return "o.stage = 'CANCELLED'";
      case "stuck": return "o.ended_at is null and o.stage_entered_at < :stuckBefore";
      case "in-flight": return "o.ended_at is null and (o.stage_entered_at is null or o.stage_entered_at >= :stuckBefore)";
      case "at-risk": return "o.ended_at is null and o.health in ('AT_RISK', 'OFF_TRACK')";
      case "self-serve": return "o.variant = 'SELF_SERVE'";
      case "renewed", "churned":
        params.put("outcome", figure.toUpperCase());
        return "exists (select 1 from onramp_renewal_outcome r where r.onboarding_id = o.id and r.outcome = :outcome)";
      case "surveyed": return "exists (select 1 from onramp_survey_answer s where s.onboarding_id = o.id)";
      default:
        if (figure.startsWith("stage:")) {
          Stage stage = Stage.parse(figure.substring(6)).orElseThrow(() -> new InvalidField("figure", "'" + figure.substring(6)
              + "' is not a stage; use one of " + java.util.Arrays.toString(Stage.values())));
          params.put("stageBit", 1 << stage.ordinal());       // as the stage funnel counts: the onboarding's own summary
          return "o.stages_reached & :stageBit <> 0";
        }
        if (figure.startsWith("breached:") && figure.length() > 9 && figure.length() < 200) {
          params.put("step", figure.substring(9));
          return "exists (select 1 from onramp_sla_breach b where b.onboarding_id = o.id and b.activity_id = :step)";
        }
        throw new InvalidField("figure", "'" + figure + "' is not a figure; use one of " + String.join(", ", FIGURES));
    }
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}

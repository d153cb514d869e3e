package io.onramp.engine.insights;

import static io.onramp.engine.insights.Percentiles.days;

import io.onramp.web.InvalidField;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How onboardings end: time to first value, completion and drop-outs, self-serve activation, retention. */
@Service
class OutcomeInsights {


  record TimeToValue(long onboardings, Percentiles closedWonToFirstValue, Percentiles kickoffToFirstValue) {}

  record Completion(long completed, long cancelled, long stuck, long inFlight, Double rate, boolean alert) {}
  record Month(String month, Completion completion) {}
  record CompletionReport(LocalDate from, LocalDate to, String by, double alertBelow, long stuckAfterDays, Completion overall,
                          List<GroupedReports.Group<Completion>> groups, Map<String, Long> dropOutsByStage, List<Month> trend) {}

  record Activation(long selfServe, long activatedInWindow, Double rate) {}
  record Retention(long renewed, long churned, Double retentionRate) {}
  record RetentionByTarget(Retention withinTarget, Retention late, Retention neverReachedFirstValue) {}
  record RetentionReport(LocalDate from, LocalDate to, long targetDays, String by, RetentionByTarget overall,
                         List<GroupedReports.Group<RetentionByTarget>> groups) {}

  private final JdbcClient jdbc;
  private final GroupedReports reports;
  private final InsightsProperties properties;

  OutcomeInsights(JdbcClient jdbc, GroupedReports reports, InsightsProperties properties) {
    this.jdbc = jdbc;
    this.reports = reports;
    this.properties = properties;
  }

  GroupedReports.Report<TimeToValue> timeToValue(Cohort cohort) {
    String won = days(Cohort.WON, "o.first_value_at");
    String kickoff = "case when o.kickoff_at is not null then " + days("o.kickoff_at", "o.first_value_at") + " end";
    return reports.grouped(cohort, "count(*), " + Percentiles.sql(won) + ", " + Percentiles.sql(kickoff),
        rs -> new TimeToValue(rs.getLong(3), Percentiles.of(rs.getLong(4), rs.getArray(5)), Percentiles.of(rs.getLong(6), rs.getArray(7))));
  }

  CompletionReport completion(Cohort cohort, Double alertBelow) {
    double threshold = alertBelow != null ? alertBelow : properties.completionAlert();
    if (threshold < 0 || threshold > 1) {
      throw new InvalidField("alertBelow", "must be a rate from 0 to 1, not " + threshold);
    }
    Map<String, Object> params = new HashMap<>(cohort.params());
    params.put("stuckBefore", Timestamp.from(ClockUtil.now().toInstant().minus(properties.stuckAfter())));
    String counts = """
        count(*) filter (where o.stage = 'STEADY_STATE'), count(*) filter (where o.stage = 'CANCELLED'),
        count(*) filter (where o.ended_at is null and o.stage_entered_at < :stuckBefore),
        count(*) filter (where o.ended_at is null and (o.stage_entered_at is null or o.stage_entered_at >= :stuckBefore))""";
    String month = "to_char(date_trunc('month', " + Cohort.WON + "), 'YYYY-MM')";
    String by = cohort.by() == null ? null : cohort.by().sql;
    Completion[] overall = new Completion[1];
    List<GroupedReports.Group<Completion>> groups = new ArrayList<>();
    List<Month> trend = new ArrayList<>();
    jdbc.sql("select " + (by == null ? "null, 1" : by + ", grouping(" + by + ")") + ", " + month + ", grouping(" + month + "), "
            + counts + " from onramp_onboarding o where " + cohort.where() + " group by grouping sets ("
            + (by == null ? "" : "(" + by + "), ") + "(" + month + "), ()) order by 3")
        .params(params).query((rs, n) -> {                // one pass: the split, the months and the whole cohort
          Completion completion = completion(rs, 5, threshold);
          if (rs.getInt(4) == 0) {
            trend.add(new Month(rs.getString(3), completion));
          } else if (rs.getInt(2) == 0) {
            groups.add(new GroupedReports.Group<>(rs.getString(1), completion));
          } else {
            overall[0] = completion;
          }
          return completion;
        }).list();
    groups.sort(java.util.Comparator.comparing(GroupedReports.Group::key));
    Map<String, Long> dropOuts = new LinkedHashMap<>();
    jdbc.sql("select coalesce(case when o.stage = 'CANCELLED' then o.cancelled_in else o.stage end, 'NONE'), count(*) "
            + "from onramp_onboarding o where " + cohort.where() + " and (o.stage = 'CANCELLED' or (o.ended_at is null and "
            + "o.stage_entered_at < :stuckBefore)) group by 1 order by 2 desc, 1")
        .params(params).query((rs, n) -> dropOuts.put(rs.getString(1), rs.getLong(2))).list();
    return new CompletionReport(cohort.from(), cohort.to(), cohort.by() == null ? null : cohort.by().label(), threshold,
        properties.stuckAfter().toDays(), overall[0], groups, dropOuts, trend);
  }

  private static Completion completion(ResultSet rs, int first, double threshold) throws SQLException {
    long completed = rs.getLong(first);
    long cancelled = rs.getLong(first + 1);
    long stuck = rs.getLong(first + 2);
    long finished = completed + cancelled + stuck;
    Double rate = finished == 0 ? null : Math.round(1000.0 * completed / finished) / 1000.0;
    return new Completion(completed, cancelled, stuck, rs.getLong(first + 3), rate, rate != null && rate < threshold);
  }

  GroupedReports.Report<Activation> activation(Cohort cohort) {
    Map<String, Object> params = new HashMap<>(cohort.params());
    params.put("window", properties.activationWindow().toSeconds() / 86400.0);
    return reports.grouped(cohort, "count(*) filter (where o.variant = 'SELF_SERVE'), count(*) filter (where o.variant = 'SELF_SERVE' and "
        + days("coalesce(o.kickoff_at, o.started_at)", "o.first_value_at") + " <= :window)", params, rs -> {
          long selfServe = rs.getLong(3);
          long activated = rs.getLong(4);
          return new Activation(selfServe, activated, selfServe == 0 ? null : Math.round(1000.0 * activated / selfServe) / 1000.0);
        });
  }

  /** Renewals of customers who reached first value within the target, late, or never; overall and per group. */
  RetentionReport retention(Cohort cohort, Integer targetDays) {
    long target = targetDays != null ? targetDays : properties.ttvTarget().toDays();
    if (target <= 0) {
      throw new InvalidField("targetDays", "must be a positive number of days, not " + target);
    }
    Map<String, Object> params = new HashMap<>(cohort.params());
    params.put("target", (double) target);
    String category = "case when o.first_value_at is null then 'never' when %s <= :target then 'within' else 'late' end"
        .formatted(days(Cohort.WON, "o.first_value_at"));
    String key = cohort.by() == null ? "'all'" : cohort.by().sql;
    Map<String, Map<String, long[]>> counts = new TreeMap<>();
    jdbc.sql("select " + key + ", " + category + ", count(*) filter (where r.outcome = 'RENEWED'), "
            + "count(*) filter (where r.outcome = 'CHURNED') from onramp_onboarding o join onramp_renewal_outcome r on r.onboarding_id = o.id "
            + "where " + cohort.where() + " group by " + (cohort.by() == null ? "2" : "1, 2"))
        .params(params).query((rs, n) -> counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
            .put(rs.getString(2), new long[] {rs.getLong(3), rs.getLong(4)})).list();
    Map<String, long[]> all = new HashMap<>();
    counts.values().forEach(byCategory -> byCategory.forEach((c, v) -> all.merge(c, v.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]})));
    return new RetentionReport(cohort.from(), cohort.to(), target, cohort.by() == null ? null : cohort.by().label(), retention(all),
        counts.entrySet().stream().filter(e -> cohort.by() != null).map(e -> new GroupedReports.Group<>(e.getKey(), retention(e.getValue()))).toList());
  }

  private static RetentionByTarget retention(Map<String, long[]> byCategory) {
    return new RetentionByTarget(retention(byCategory.get("within")), retention(byCategory.get("late")), retention(byCategory.get("never")));
  }

  private static Retention retention(long[] counts) {
    long renewed = counts == null ? 0 : counts[0];
    long churned = counts == null ? 0 : counts[1];
    return new Retention(renewed, churned, renewed + churned == 0 ? null : Math.round(1000.0 * renewed / (renewed + churned)) / 1000.0);
  }
}

package io.onramp.engine.insights;

import static io.onramp.engine.insights.Percentiles.days;

import io.onramp.processes.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How onboardings move: the stage funnel and time in each stage, SLA breaches and health, handoff quality. */
@Service
class JourneyInsights {

  record StageFigures(Stage stage, long reached, Double shareOfCohort, long inStageNow, Percentiles daysInStage) {}
  record Funnel(long onboardings, List<StageFigures> stages) {}

  record StepBreaches(String step, long breaches, long onboardings, Map<String, Long> rescueActions) {}
  record Breaches(long breaches, List<StepBreaches> steps, Map<String, Long> healthOfOpenOnboardings) {}

  record HandoffQuality(long handoffs, Double averageCompleteness, Double shareComplete, Percentiles closedWonToHandoffDays) {}

  private final JdbcClient jdbc;
  private final GroupedReports reports;

  JourneyInsights(JdbcClient jdbc, GroupedReports reports) {
    this.jdbc = jdbc;
    this.reports = reports;
  }

  /**
   * Every stage in journey order with how many onboardings reached it and how long they stayed (final
   * stages: no stay), from each onboarding's own summary ({@code stages_reached}, {@code stage_days}):
   * one pass over the cohort's onboardings, not over all their transitions.
   */
  GroupedReports.Report<Funnel> stages(Cohort cohort) {
    StringBuilder columns = new StringBuilder("count(*)");
    for (Stage stage : Stage.values()) {
      columns.append(", count(*) filter (where o.stages_reached & ").append(1 << stage.ordinal()).append(" <> 0)")
          .append(", count(*) filter (where o.stage = '").append(stage.name()).append("' and o.ended_at is null), ")
          .append(stage.isFinal() ? "0, null" : Percentiles.sql("o.stage_days[" + (stage.ordinal() + 1) + "]"));  // no stay in a final stage
    }
    return reports.grouped(cohort, columns.toString(), rs -> {
      long total = rs.getLong(3);
      List<StageFigures> stages = new ArrayList<>();
      int column = 4;
      for (Stage stage : Stage.values()) {
        long reached = rs.getLong(column);
        stages.add(new StageFigures(stage, reached, total == 0 ? null : Math.round(1000.0 * reached / total) / 1000.0,
            rs.getLong(column + 1), stage.isFinal() ? null : Percentiles.of(rs.getLong(column + 2), rs.getArray(column + 3))));
        column += 4;
      }
      return new Funnel(total, stages);
    });
  }

  /** SLA breaches per step with the rescues chosen ({@code PENDING} until the rescue task is done), and the health of open onboardings. */
  GroupedReports.Report<Breaches> sla(Cohort cohort) {
    Map<String, Breaches> overall = breaches(cohort, null);
    Map<String, Breaches> split = cohort.by() == null ? Map.of() : breaches(cohort, cohort.by());
    return new GroupedReports.Report<>(cohort.from(), cohort.to(), cohort.by() == null ? null : cohort.by().label(),
        overall.getOrDefault("all", new Breaches(0, List.of(), health(Map.of()))),
        split.entrySet().stream().map(e -> new GroupedReports.Group<>(e.getKey(), e.getValue())).toList());
  }

  private Map<String, Breaches> breaches(Cohort cohort, Dimension by) {
    String key = by == null ? "'all'" : by.sql;
    String groupBy = by == null ? "" : "1, ";
    Map<String, Map<String, StepBreaches>> steps = new TreeMap<>();
    jdbc.sql("select " + key + ", b.activity_id, count(*), count(distinct b.onboarding_id) from onramp_onboarding o "
            + "join onramp_sla_breach b on b.onboarding_id = o.id where " + cohort.where() + " group by " + groupBy + "b.activity_id "
            + "order by 3 desc, 2")
        .params(cohort.params()).query((rs, n) -> steps.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
            .put(rs.getString(2), new StepBreaches(rs.getString(2), rs.getLong(3), rs.getLong(4), new LinkedHashMap<>())))
        .list();
    jdbc.sql("select " + key + ", b.activity_id, coalesce(b.rescue_action, 'PENDING'), count(*) from onramp_onboarding o "
            + "join onramp_sla_breach b on b.onboarding_id = o.id where " + cohort.where() + " group by " + groupBy + "2, 3 order by 4 desc, 3")
        .params(cohort.params())
        .query((rs, n) -> steps.get(rs.getString(1)).get(rs.getString(2)).rescueActions().put(rs.getString(3), rs.getLong(4)))
        .list();
    Map<String, Map<String, Long>> health = new TreeMap<>();
    jdbc.sql("select " + key + ", o.health, count(*) from onramp_onboarding o where o.ended_at is null and " + cohort.where()
            + " group by " + groupBy + "2")
        .params(cohort.params()).query((rs, n) -> health.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
            .put(rs.getString(2), rs.getLong(3))).list();
    Map<String, Breaches> result = new TreeMap<>();
    Set<String> keys = new TreeSet<>(steps.keySet());
    keys.addAll(health.keySet());
    for (String k : keys) {
      List<StepBreaches> list = List.copyOf(steps.getOrDefault(k, Map.of()).values());
      result.put(k, new Breaches(list.stream().mapToLong(StepBreaches::breaches).sum(), list, health(health.getOrDefault(k, Map.of()))));
    }
    return result;
  }

  /** Every health state, 0 where none. */
  private static Map<String, Long> health(Map<String, Long> counts) {
    Map<String, Long> health = new LinkedHashMap<>();
    for (String h : List.of("ON_TRACK", "AT_RISK", "OFF_TRACK")) {
      health.put(h, counts.getOrDefault(h, 0L));
    }
    return health;
  }

  GroupedReports.Report<HandoffQuality> handoffs(Cohort cohort) {
    String toHandoff = "case when o.closed_won_at is not null then " + days("o.closed_won_at", "o.handoff_submitted_at") + " end";
    return reports.grouped(cohort, "count(o.handoff_completeness), avg(o.handoff_completeness), "
        + "count(*) filter (where o.handoff_completeness = 100), " + Percentiles.sql(toHandoff), rs -> {
          long handoffs = rs.getLong(3);
          return new HandoffQuality(handoffs, Percentiles.round(rs.getObject(4)),
              handoffs == 0 ? null : Math.round(1000.0 * rs.getLong(5) / handoffs) / 1000.0, Percentiles.of(rs.getLong(6), rs.getArray(7)));
        });
  }
}

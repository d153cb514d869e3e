package io.onramp.engine.insights;

import static io.onramp.engine.insights.Percentiles.days;

import io.onramp.processes.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How onboardings move: the stage funnel and time in each stage, SLA breaches and health, handoff quality. */
@Service
class JourneyInsights {

  record StageFigures(Stage stage, long reached, Double shareOfCohort, long inStageNow, Percentiles daysInStage) {}
  record StagesReport(LocalDate from, LocalDate to, long onboardings, List<StageFigures> stages) {}

  record StepBreaches(String step, long breaches, long onboardings, Map<String, Long> rescueActions) {}
  record SlaReport(LocalDate from, LocalDate to, long breaches, List<StepBreaches> steps, Map<String, Long> healthOfOpenOnboardings) {}

  record HandoffQuality(long handoffs, Double averageCompleteness, Double shareComplete, Percentiles closedWonToHandoffDays) {}

  private final JdbcClient jdbc;
  private final OutcomeInsights grouping;

  JourneyInsights(JdbcClient jdbc, OutcomeInsights grouping) {
    this.jdbc = jdbc;
    this.grouping = grouping;
  }

  /**
   * Every stage in journey order with how many onboardings reached it and how long they stayed (final
   * stages: no stay), from each onboarding's own summary ({@code stages_reached}, {@code stage_days}):
   * one pass over the cohort's onboardings, not over all their transitions.
   */
  StagesReport stages(Cohort cohort) {
    StringBuilder columns = new StringBuilder("count(*)");
    for (Stage stage : Stage.values()) {
      columns.append(", count(*) filter (where o.stages_reached & ").append(1 << stage.ordinal()).append(" <> 0)")
          .append(", count(*) filter (where o.stage = '").append(stage.name()).append("' and o.ended_at is null), ")
          .append(stage.isFinal() ? "0, null" : Percentiles.sql("o.stage_days[" + (stage.ordinal() + 1) + "]"));  // no stay in a final stage
    }
    return jdbc.sql("select " + columns + " from onramp_onboarding o where " + Cohort.WHERE).params(cohort.params())
        .query((rs, n) -> {
          long total = rs.getLong(1);
          List<StageFigures> stages = new ArrayList<>();
          int column = 2;
          for (Stage stage : Stage.values()) {
            long reached = rs.getLong(column);
            stages.add(new StageFigures(stage, reached, total == 0 ? null : Math.round(1000.0 * reached / total) / 1000.0,
                rs.getLong(column + 1), stage.isFinal() ? null : Percentiles.of(rs.getLong(column + 2), rs.getArray(column + 3))));
            column += 4;
          }
          return new StagesReport(cohort.from(), cohort.to(), total, stages);
        }).single();
  }

  SlaReport sla(Cohort cohort) {
    Map<String, StepBreaches> steps = new LinkedHashMap<>();
    jdbc.sql("select b.activity_id, count(*), count(distinct b.onboarding_id) from onramp_onboarding o join onramp_sla_breach b "
            + "on b.onboarding_id = o.id where " + Cohort.WHERE + " group by b.activity_id order by count(*) desc, b.activity_id")
        .params(cohort.params())
        .query((rs, n) -> steps.put(rs.getString(1), new StepBreaches(rs.getString(1), rs.getLong(2), rs.getLong(3), new LinkedHashMap<>())))
        .list();
    jdbc.sql("select b.activity_id, coalesce(b.rescue_action, 'PENDING'), count(*) from onramp_onboarding o join onramp_sla_breach b "
            + "on b.onboarding_id = o.id where " + Cohort.WHERE + " group by 1, 2 order by 3 desc, 2")
        .params(cohort.params()).query((rs, n) -> steps.get(rs.getString(1)).rescueActions().put(rs.getString(2), rs.getLong(3)))
        .list();
    Map<String, Long> health = new LinkedHashMap<>();
    for (String h : List.of("ON_TRACK", "AT_RISK", "STALLED")) {
      health.put(h, 0L);
    }
    jdbc.sql("select o.health, count(*) from onramp_onboarding o where o.ended_at is null and " + Cohort.WHERE + " group by 1")
        .params(cohort.params()).query((rs, n) -> health.put(rs.getString(1), rs.getLong(2))).list();
    return new SlaReport(cohort.from(), cohort.to(), steps.values().stream().mapToLong(StepBreaches::breaches).sum(),
        List.copyOf(steps.values()), health);
  }

  OutcomeInsights.Report<HandoffQuality> handoffs(Cohort cohort) {
    String toHandoff = "case when o.closed_won_at is not null then " + days("o.closed_won_at", "o.handoff_submitted_at") + " end";
    return grouping.grouped(cohort, "count(o.handoff_completeness), avg(o.handoff_completeness), "
        + "count(*) filter (where o.handoff_completeness = 100), " + Percentiles.sql(toHandoff), rs -> {
          long handoffs = rs.getLong(3);
          return new HandoffQuality(handoffs, Percentiles.round(rs.getObject(4)),
              handoffs == 0 ? null : Math.round(1000.0 * rs.getLong(5) / handoffs) / 1000.0, Percentiles.of(rs.getLong(6), rs.getArray(7)));
        });
  }
}

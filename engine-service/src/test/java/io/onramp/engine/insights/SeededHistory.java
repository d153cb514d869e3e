package io.onramp.engine.insights;

import io.onramp.processes.Stage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Onboarding history written straight into the engine's tables, as the engine would have left it. */
final class SeededHistory {

  private final JdbcClient jdbc;
  private final String run;

  SeededHistory(JdbcClient jdbc, String run) {
    this.jdbc = jdbc;
    this.run = run;
  }

  /**
   * The six onboardings A–F of {@link InsightsIntegrationTest}'s table, won on three dates (A, B on the
   * first; C, D on the second; E, F on the third), with the three SLA breaches.
   */
  void sixOnboardings(String smb, String ent, Instant first, Instant second, Instant third) {
    onboarding("A", smb, "ASSISTED", "Analytics", 20_000, "casey", first, 2, 10.0, "STEADY_STATE", 1, 100, "ON_TRACK");
    onboarding("B", smb, "ASSISTED", "Analytics", 30_000, "casey", first, 4, 20.0, "STEADY_STATE", 2, 80, "ON_TRACK");
    onboarding("C", smb, "SELF_SERVE", "Analytics", 5_000, "casey", second, 1, 6.0, "STEADY_STATE", 0.5, 100, "ON_TRACK");
    onboarding("D", ent, "ENTERPRISE", "Platform", 300_000, "jo", second, 5, 40.0, "STEADY_STATE", 3, 90, "ON_TRACK");
    onboarding("E", ent, "ENTERPRISE", "Platform", 400_000, "jo", third, 3, null, "CANCELLED", 1, 70, "ON_TRACK");
    onboarding("F", smb, "SELF_SERVE", "Analytics", 8_000, "casey", third, 1, null, "KICKOFF", 1, 60, "AT_RISK");
    breach("A", "Task_HoldKickoffCall", "NUDGE", third);
    breach("B", "Task_HoldKickoffCall", null, third);
    breach("D", "Task_MigrateData", "ESCALATE", third);
  }

  String id(String name) {
    return "insights-" + run + "-" + name;
  }

  String key(String name) {
    return "H-" + run + "-" + name;
  }

  /** A row of the table above, with its stage transitions. */
  void onboarding(String name, String segment, String variant, String product, double arr, String csm, Instant won,
                          int kickoffDays, Double firstValueDays, String stage, double handoffDays, int completeness, String health) {
    Instant kickoff = won.plus(days(kickoffDays));
    Instant firstValue = firstValueDays == null ? null : won.plus(days(firstValueDays));
    List<Object[]> transitions = new ArrayList<>();
    transitions.add(new Object[] {null, "HANDOFF", won});
    transitions.add(new Object[] {"HANDOFF", "KICKOFF", kickoff});
    Instant ended = null;
    if (firstValue != null) {
      transitions.add(new Object[] {"KICKOFF", "FIRST_VALUE", firstValue});
      transitions.add(new Object[] {"FIRST_VALUE", "STEADY_STATE", firstValue});
      ended = firstValue;
    } else if (stage.equals("CANCELLED")) {
      transitions.add(new Object[] {"KICKOFF", "SETUP", kickoff.plus(days(2))});
      ended = kickoff.plus(days(5));
      transitions.add(new Object[] {"SETUP", "CANCELLED", ended});
    }
    Instant stageEntered = (Instant) transitions.getLast()[2];
    int reached = 0;                                 // the onboarding's stage summary, as the engine keeps it
    Double[] stays = new Double[Stage.values().length];
    for (int i = 0; i < transitions.size(); i++) {
      Stage entered = Stage.valueOf((String) transitions.get(i)[1]);
      reached |= 1 << entered.ordinal();
      if (i + 1 < transitions.size()) {
        double stay = Duration.between((Instant) transitions.get(i)[2], (Instant) transitions.get(i + 1)[2]).toMinutes() / 1440.0;
        stays[entered.ordinal()] = (stays[entered.ordinal()] == null ? 0 : stays[entered.ordinal()]) + stay;
      }
    }
    jdbc.sql("""
        insert into onramp_onboarding (id, business_key, process_definition_key, account_name, segment, stage, health, version,
          started_at, closed_won_at, stage_entered_at, first_value_at, ended_at, updated_at, variant, product, arr, csm, kickoff_at,
          handoff_completeness, handoff_submitted_at, stages_reached, stage_days, cancelled_in)
        values (?, ?, 'customer-onboarding', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::float8[], ?)
        """).params(id(name), key(name), "Account " + name, segment, stage, health, ts(won), ts(won), ts(stageEntered), ts(firstValue),
        ts(ended), ts(stageEntered), variant, product, arr, csm, ts(kickoff), completeness, ts(won.plus(days(handoffDays))), reached,
        "{" + String.join(",", java.util.Arrays.stream(stays).map(d -> d == null ? "NULL" : d.toString()).toList()) + "}",
        stage.equals("CANCELLED") ? transitions.get(transitions.size() - 2)[1] : null).update();
    for (int i = 0; i < transitions.size(); i++) {
      Object[] t = transitions.get(i);
      Instant left = i + 1 < transitions.size() ? (Instant) transitions.get(i + 1)[2] : null;
      jdbc.sql("insert into onramp_stage_transition (onboarding_id, from_stage, stage, activity_id, entered_at, left_at, version) "
          + "values (?, ?, ?, 'seeded', ?, ?, ?)").params(id(name), t[0], t[1], ts((Instant) t[2]), ts(left), i + 1).update();
    }
  }

  void onboardingAt(String name, String segment, String product, double arr, Instant won, double firstValueDays) {
    Instant firstValue = won.plus(days(firstValueDays));
    jdbc.sql("""
        insert into onramp_onboarding (id, business_key, process_definition_key, segment, stage, health, started_at, closed_won_at,
          stage_entered_at, first_value_at, ended_at, updated_at, variant, product, arr)
        values (?, ?, 'customer-onboarding', ?, 'STEADY_STATE', 'ON_TRACK', ?, ?, ?, ?, ?, ?, 'ASSISTED', ?, ?)
        """).params(id(name), key(name), segment, ts(won), ts(won), ts(firstValue), ts(firstValue), ts(firstValue), ts(firstValue),
        product, arr).update();
    jdbc.sql("insert into onramp_stage_transition (onboarding_id, from_stage, stage, activity_id, entered_at, left_at, version) "
        + "values (?, 'GO_LIVE', 'FIRST_VALUE', 'seeded', ?, ?, 1)").params(id(name), ts(firstValue), ts(firstValue)).update();
  }

  void breach(String name, String step, String action, Instant at) {
    jdbc.sql("insert into onramp_sla_breach (onboarding_id, activity_id, breached_at, rescue_action) values (?, ?, ?, ?)")
        .params(id(name), step, ts(at), action).update();
  }

  static Duration days(double days) {
    return Duration.ofMinutes(Math.round(days * 24 * 60));
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}

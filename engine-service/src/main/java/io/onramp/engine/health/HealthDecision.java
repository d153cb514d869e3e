package io.onramp.engine.health;

import io.onramp.engine.onboarding.Health;
import io.onramp.engine.security.AsPlatform;
import io.onramp.processes.CustomerOnboarding;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Evaluates the designer's health table (the latest deployed {@code onboarding-health}) for one onboarding, from its
 * usage signals, its overdue steps and its stage.
 */
@Component
class HealthDecision {

  record Verdict(Health health, String reason, HealthFacts facts) {}

  private final JdbcClient jdbc;
  private final DecisionService decisions;
  private final AsPlatform platform;

  HealthDecision(JdbcClient jdbc, DecisionService decisions, AsPlatform platform) {
    this.jdbc = jdbc;
    this.decisions = decisions;
    this.platform = platform;
  }

  /**
   * Empty when the onboarding has no stage yet or has ended: there is nothing to judge. {@code breachRescued}: an SLA's
   * rescue branch asks, so its step counts as overdue even if the task's due date is a moment after its timer.
   */
  Optional<Verdict> decide(String onboardingId, Instant now, boolean breachRescued) {
    return facts(onboardingId, now).map(f -> breachRescued && f.overdueSteps() == 0 ? f.withOverdueSteps(1) : f).map(facts -> {
      DmnDecisionRuleResult result = platform.call(() -> decisions
          .evaluateDecisionTableByKey(CustomerOnboarding.HEALTH_DECISION_ID).variables(facts.variables()).evaluate()
          .getSingleResult());
      if (result == null) {
        throw new IllegalStateException("the health table (" + CustomerOnboarding.HEALTH_DECISION_ID
            + ") matched no rule; its last rule should match everything");
      }
      Object health = result.getEntry("health");
      Health value = java.util.Arrays.stream(Health.values()).filter(h -> h.name().equals(String.valueOf(health))).findFirst()
          .orElseThrow(() -> new IllegalStateException("the health table answered '" + health + "'; expected one of "
              + java.util.Arrays.toString(Health.values())));
      Object reason = result.getEntry("reason");
      return new Verdict(value, reason == null ? null : reason.toString(), facts);
    });
  }

  private Optional<HealthFacts> facts(String onboardingId, Instant now) {
    Timestamp at = Timestamp.from(now);
    return jdbc.sql("""
        select o.stage, extract(epoch from (cast(:now as timestamptz) - coalesce(o.stage_entered_at, o.started_at))) / 86400 as days_in_stage,
          a.activated_at is not null as activated,
          extract(epoch from (cast(:now as timestamptz) - a.last_login_at)) / 86400 as days_since_login,
          coalesce(a.active_users, 0) as active_users,
          (select count(*) from act_ru_task t where t.proc_inst_id_ = o.id and t.due_date_ < cast(:now as timestamptz)) as overdue,
          (select coalesce(sum(e.value), 0) from onramp_usage_event e where e.onboarding_id = o.id and e.kind = 'KEY_FEATURE_USED'
             and e.occurred_at > cast(:now as timestamptz) - interval '14 days' and e.occurred_at <= cast(:now as timestamptz)) as key_feature_uses,
          (select coalesce(sum(e.value), 0) from onramp_usage_event e where e.onboarding_id = o.id
             and e.kind in ('EMAIL_OPENED', 'EMAIL_CLICKED') and e.occurred_at > cast(:now as timestamptz) - interval '30 days'
             and e.occurred_at <= cast(:now as timestamptz)) as email_engagement
        from onramp_onboarding o left join onramp_adoption a on a.onboarding_id = o.id
        where o.id = :id and o.stage is not null and o.ended_at is null
        """).param("now", at).param("id", onboardingId)
        .query((rs, n) -> new HealthFacts(rs.getString("stage"), rs.getInt("overdue"), rs.getBoolean("activated"),
            rs.getObject("days_since_login") == null ? null : rs.getDouble("days_since_login"), rs.getInt("active_users"),
            rs.getInt("key_feature_uses"), rs.getInt("email_engagement"), rs.getDouble("days_in_stage")))
        .optional();
  }
}

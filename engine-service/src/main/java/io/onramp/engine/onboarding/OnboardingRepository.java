package io.onramp.engine.onboarding;

import io.onramp.processes.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Onboarding rows in the engine database. Writes run inside the engine's own transaction (the
 * Camunda Spring integration binds it to this DataSource), so a stage, its transition and its
 * sync rows commit or roll back with the journey step that caused them.
 */
@Repository
public class OnboardingRepository {

  private final JdbcClient jdbc;

  OnboardingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the row on first sight, refreshes names and CRM links, and locks it for this transaction. */
  public Onboarding lockOrCreate(JourneyFacts facts, Instant now) {
    jdbc.sql("""
        insert into onramp_onboarding (id, business_key, process_definition_key, account_name, segment, started_at,
          closed_won_at, hubspot_deal_id, hubspot_company_id, salesforce_opportunity_id, salesforce_account_id,
          eloqua_contact_emails, eloqua_contact_roles, variant, product, arr, handoff_completeness, handoff_submitted_at,
          updated_at)
        values (:id, :businessKey, :definitionKey, :accountName, :segment, :startedAt, :closedWonAt, :hubspotDealId,
          :hubspotCompanyId, :salesforceOpportunityId, :salesforceAccountId, :eloquaContactEmails, :eloquaContactRoles,
          :variant, :product, :arr, :handoffCompleteness, :handoffSubmittedAt, :now)
        on conflict (id) do update set
          business_key = coalesce(excluded.business_key, onramp_onboarding.business_key),
          account_name = coalesce(excluded.account_name, onramp_onboarding.account_name),
          segment = coalesce(excluded.segment, onramp_onboarding.segment),
          closed_won_at = coalesce(excluded.closed_won_at, onramp_onboarding.closed_won_at),
          hubspot_deal_id = excluded.hubspot_deal_id,
          hubspot_company_id = excluded.hubspot_company_id,
          salesforce_opportunity_id = excluded.salesforce_opportunity_id,
          salesforce_account_id = excluded.salesforce_account_id,
          eloqua_contact_emails = excluded.eloqua_contact_emails,
          eloqua_contact_roles = excluded.eloqua_contact_roles,
          variant = coalesce(excluded.variant, onramp_onboarding.variant),
          product = coalesce(excluded.product, onramp_onboarding.product),
          arr = coalesce(excluded.arr, onramp_onboarding.arr),
          handoff_completeness = coalesce(onramp_onboarding.handoff_completeness, excluded.handoff_completeness),
          handoff_submitted_at = coalesce(onramp_onboarding.handoff_submitted_at, excluded.handoff_submitted_at)
        """)
        .param("id", facts.onboardingId()).param("businessKey", facts.businessKey())
        .param("definitionKey", facts.processDefinitionKey()).param("accountName", facts.accountName())
        .param("segment", facts.segment()).param("startedAt", ts(facts.startedAt()))
        .param("closedWonAt", ts(facts.closedWonAt()))
        .param("hubspotDealId", facts.links().hubspotDealId()).param("hubspotCompanyId", facts.links().hubspotCompanyId())
        .param("salesforceOpportunityId", facts.links().salesforceOpportunityId())
        .param("salesforceAccountId", facts.links().salesforceAccountId())
        .param("eloquaContactEmails", facts.links().eloquaContactEmails().isEmpty() ? null
            : String.join(",", facts.links().eloquaContactEmails()))
        .param("eloquaContactRoles", facts.links().rolesJson())
        .param("variant", facts.profile().variant()).param("product", facts.profile().product())
        .param("arr", facts.profile().arr()).param("handoffCompleteness", facts.profile().handoffCompleteness())
        .param("handoffSubmittedAt", ts(facts.profile().handoffSubmittedAt()))
        .param("now", ts(now))
        .update();
    return jdbc.sql("select * from onramp_onboarding where id = ? for update").param(facts.onboardingId())
        .query(OnboardingRepository::map).single();
  }

  public Optional<Onboarding> find(String id) {
    return jdbc.sql("select * from onramp_onboarding where id = ?").param(id).query(OnboardingRepository::map).optional();
  }

  public Optional<Onboarding> findByBusinessKey(String businessKey) {
    return jdbc.sql("select * from onramp_onboarding where business_key = ? order by started_at desc limit 1")
        .param(businessKey).query(OnboardingRepository::map).optional();
  }

  public List<Onboarding> findAll(List<String> ids) {
    return jdbc.sql("select * from onramp_onboarding where id in (:ids)").param("ids", ids)
        .query(OnboardingRepository::map).list();
  }

  public Optional<Onboarding> lock(String id) {
    return jdbc.sql("select * from onramp_onboarding where id = ? for update").param(id)
        .query(OnboardingRepository::map).optional();
  }

  /** Bumps the version and returns it: every change to an onboarding or its tasks gets a new, higher one. */
  public long nextVersion(String id, Instant now) {
    return jdbc.sql("update onramp_onboarding set version = version + 1, updated_at = ? where id = ? returning version")
        .param(ts(now)).param(id).query(Long.class).single();
  }

  /** {@code now}: the stage's date (its business date when the step recorded one); {@code recordedAt}: the engine's clock. */
  public void recordStage(Onboarding before, Stage stage, String activityId, long version, Instant now, Instant recordedAt) {
    jdbc.sql("""
        update onramp_onboarding set stage = :stage, stage_entered_at = :now,
          kickoff_at = case when :stage = 'KICKOFF' then coalesce(kickoff_at, :now) else kickoff_at end,
          go_live_at = case when :stage = 'GO_LIVE' then coalesce(go_live_at, :now) else go_live_at end,
          first_value_at = case when :stage = 'FIRST_VALUE' then coalesce(first_value_at, :now) else first_value_at end,
          ended_at = case when :final then :now else ended_at end,
          cancelled_in = case when :stage = 'CANCELLED' then :previous else cancelled_in end
        where id = :id
        """).param("stage", stage.name()).param("now", ts(now)).param("final", stage.isFinal())
        .param("previous", before.stage() == null ? null : before.stage().name())
        .param("id", before.id()).update();
    jdbc.sql("update onramp_stage_transition set left_at = ? where onboarding_id = ? and left_at is null")
        .params(ts(now), before.id()).update();
    jdbc.sql("update onramp_onboarding set stages_reached = stages_reached | ? where id = ?")
        .params(1 << stage.ordinal(), before.id()).update();
    if (before.stage() != null && before.stageEnteredAt() != null) {        // the stay in the stage left, in days
      jdbc.sql("update onramp_onboarding set stage_days[:i] = coalesce(stage_days[:i], 0) + :days where id = :id")
          .param("i", before.stage().ordinal() + 1).param("days", Duration.between(before.stageEnteredAt(), now).toMillis() / 86_400_000.0)
          .param("id", before.id()).update();
    }
    jdbc.sql("""
        insert into onramp_stage_transition (onboarding_id, from_stage, stage, activity_id, entered_at, recorded_at, version)
        values (?, ?, ?, ?, ?, ?, ?)
        """).params(before.id(), before.stage() == null ? null : before.stage().name(), stage.name(), activityId, ts(now),
            ts(recordedAt), version)
        .update();
  }

  /** When the stage before the current one was entered (empty while the journey is in its first stage). */
  public Optional<Instant> previousStageEnteredAt(String id) {
    List<StageTransition> transitions = timeline(id);
    return transitions.size() < 2 ? Optional.empty() : Optional.of(transitions.get(transitions.size() - 2).enteredAt());
  }

  /**
   * Dates the onboarding's current stage {@code at} (the business date its step recorded): its transition,
   * the previous stage's end and stay, and the stage's milestone (kickoff, go-live, first value).
   */
  public void redateStage(Onboarding onboarding, Instant at) {
    Instant was = onboarding.stageEnteredAt();
    String stage = onboarding.stage().name();
    jdbc.sql("""
        update onramp_onboarding set stage_entered_at = :at,
          kickoff_at = case when :stage = 'KICKOFF' then :at else kickoff_at end,
          go_live_at = case when :stage = 'GO_LIVE' then :at else go_live_at end,
          first_value_at = case when :stage = 'FIRST_VALUE' then :at else first_value_at end
        where id = :id
        """).param("at", ts(at)).param("stage", stage).param("id", onboarding.id()).update();
    jdbc.sql("update onramp_stage_transition set entered_at = ? where onboarding_id = ? and left_at is null")
        .params(ts(at), onboarding.id()).update();
    List<StageTransition> transitions = timeline(onboarding.id());
    if (transitions.size() >= 2 && was != null) {
      Stage previous = transitions.get(transitions.size() - 2).stage();
      jdbc.sql("update onramp_stage_transition set left_at = ? where onboarding_id = ? and left_at = ?")
          .params(ts(at), onboarding.id(), ts(was)).update();
      jdbc.sql("update onramp_onboarding set stage_days[:i] = coalesce(stage_days[:i], 0) + :days where id = :id")
          .param("i", previous.ordinal() + 1).param("days", Duration.between(was, at).toMillis() / 86_400_000.0)
          .param("id", onboarding.id()).update();
    }
  }

  /** The onboarding's CSM: Accountable for it (RACI), set when a CSM first claims one of its tasks; empty until then. */
  public Optional<String> csm(String id) {
    return jdbc.sql("select csm from onramp_onboarding where id = ?").param(id).query(String.class).optional()
        .filter(java.util.Objects::nonNull);
  }

  /** The onboarding's CSM is the first person assigned one of its CSM tasks. */
  public void recordCsm(String id, String csm) {
    jdbc.sql("update onramp_onboarding set csm = ? where id = ? and csm is null").params(csm, id).update();
  }

  /** A step's SLA passed: its non-interrupting timer fired and the rescue play started. */
  public long recordSlaBreach(String id, String activityId, Instant at) {
    return jdbc.sql("insert into onramp_sla_breach (onboarding_id, activity_id, breached_at) values (?, ?, ?) returning id")
        .params(id, activityId, ts(at)).query(Long.class).single();
  }

  /** The rescue action the CS lead chose for a breach. */
  public void recordRescue(long breachId, String action) {
    jdbc.sql("update onramp_sla_breach set rescue_action = ? where id = ?").params(action, breachId).update();
  }

  public void recordHealth(String id, Health health) {
    jdbc.sql("update onramp_onboarding set health = ? where id = ?").params(health.name(), id).update();
  }

  public List<StageTransition> timeline(String id) {
    return jdbc.sql("select * from onramp_stage_transition where onboarding_id = ? order by entered_at, id").param(id)
        .query((rs, n) -> new StageTransition(stage(rs.getString("from_stage")), Stage.valueOf(rs.getString("stage")),
            rs.getString("activity_id"), instant(rs, "entered_at"), instant(rs, "recorded_at"), rs.getLong("version")))
        .list();
  }

  static Onboarding map(ResultSet rs, int row) throws SQLException {
    String emails = rs.getString("eloqua_contact_emails");
    return new Onboarding(rs.getString("id"), rs.getString("business_key"), rs.getString("process_definition_key"),
        rs.getString("account_name"), rs.getString("segment"), stage(rs.getString("stage")),
        Health.valueOf(rs.getString("health")), rs.getLong("version"), instant(rs, "started_at"),
        instant(rs, "closed_won_at"), instant(rs, "stage_entered_at"), instant(rs, "go_live_at"), instant(rs, "first_value_at"),
        instant(rs, "ended_at"),
        new CrmLinks(rs.getString("hubspot_deal_id"), rs.getString("hubspot_company_id"),
            rs.getString("salesforce_opportunity_id"), rs.getString("salesforce_account_id"),
            emails == null ? List.of() : Arrays.asList(emails.split(",")), CrmLinks.roles(rs.getString("eloqua_contact_roles"))));
  }

  private static Stage stage(String value) {
    return value == null ? null : Stage.valueOf(value);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}

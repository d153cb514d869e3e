package io.onramp.engine.sync;

import io.onramp.engine.onboarding.Crm;
import io.onramp.engine.onboarding.Onboarding;
import io.onramp.engine.onboarding.OnboardingRepository;
import io.onramp.processes.Stage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hands out due sync rows under a lease and applies a worker's acknowledgement of them. */
@Service
class SyncClaims {

  private final JdbcClient jdbc;
  private final OnboardingRepository onboardings;
  private final SyncIncidents incidents;
  private final SyncProperties properties;

  SyncClaims(JdbcClient jdbc, OnboardingRepository onboardings, SyncIncidents incidents, SyncProperties properties) {
    this.jdbc = jdbc;
    this.onboardings = onboardings;
    this.incidents = incidents;
    this.properties = properties;
  }

  /**
   * Leases up to {@code max} due rows; rows another claimer has locked are skipped, never shared.
   * {@code reclaim}: the worker lost its last answer (it restarted, or the engine went away before
   * the answer arrived), so rows still leased to the same worker id come back to it at once instead
   * of after the lease.
   */
  @Transactional
  public List<ClaimedItem> claim(Crm crm, String worker, int max, Duration lease, boolean reclaim) {
    Instant now = ClockUtil.now().toInstant();
    Timestamp leaseUntil = Timestamp.from(now.plus(lease));
    String token = java.util.UUID.randomUUID().toString();
    List<Row> rows = jdbc.sql("""
        with picked as (
          select id from onramp_sync_item
          where crm = :crm and status = 'PENDING' and due_at <= :now
            and (lease_until is null or lease_until < :now or (:reclaim and lease_owner = :worker))
          order by due_at, id
          limit :max
          for update skip locked)
        update onramp_sync_item s set lease_until = :leaseUntil, lease_owner = :worker, lease_token = :token
        from picked where s.id = picked.id
        returning s.id, s.kind, s.subject, s.onboarding_id, s.version, s.attempts, s.changed_at, s.payload, s.synced_version
        """)
        .param("crm", crm.id()).param("now", Timestamp.from(now)).param("max", max)
        .param("leaseUntil", leaseUntil).param("worker", worker).param("reclaim", reclaim).param("token", token)
        .query((rs, n) -> new Row(rs.getLong("id"), SyncKind.valueOf(rs.getString("kind")), rs.getString("subject"),
            rs.getString("onboarding_id"), rs.getLong("version"), rs.getInt("attempts"),
            rs.getTimestamp("changed_at").toInstant(), rs.getString("payload"), rs.getLong("synced_version")))
        .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> ids = rows.stream().map(Row::onboardingId).distinct().toList();
    Map<String, Onboarding> snapshots = onboardings.findAll(ids).stream().collect(Collectors.toMap(Onboarding::id, Function.identity()));
    Map<String, List<PassedStage>> timelines = timelines(rows);
    List<ClaimedItem> items = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Onboarding onboarding = snapshots.get(row.onboardingId());
      List<PassedStage> passed = row.kind() == SyncKind.ONBOARDING
          ? passedSince(timelines.getOrDefault(row.onboardingId(), List.of()), row.syncedVersion()) : null;
      items.add(new ClaimedItem(row.id(), row.kind(), row.subject(), row.version(), row.attempts(), row.changedAt(),
          leaseUntil.toInstant(), token, OnboardingSnapshot.of(onboarding, properties.publicUrl()), row.payload(), passed));
    }
    return items;
  }

  /** Every stage entered by the claimed onboardings, oldest first. */
  private Map<String, List<PassedStage>> timelines(List<Row> rows) {
    List<String> ids = rows.stream().filter(r -> r.kind() == SyncKind.ONBOARDING).map(Row::onboardingId).distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, List<PassedStage>> timelines = new HashMap<>();
    jdbc.sql("select onboarding_id, stage, entered_at, version from onramp_stage_transition where onboarding_id in (:ids) "
            + "order by version, id").param("ids", ids)
        .query((rs, n) -> timelines.computeIfAbsent(rs.getString("onboarding_id"), k -> new ArrayList<>())
            .add(new PassedStage(Stage.valueOf(rs.getString("stage")), rs.getTimestamp("entered_at").toInstant(), rs.getLong("version"))))
        .list();
    return timelines;
  }

  /** The stages entered after {@code syncedVersion} except the last (that one is the current stage), or null when none. */
  private static List<PassedStage> passedSince(List<PassedStage> timeline, long syncedVersion) {
    List<PassedStage> since = timeline.stream().filter(t -> t.version() > syncedVersion).toList();
    return since.size() < 2 ? null : since.subList(0, since.size() - 1);
  }

  /** Queues again every row of {@code crm} it has confirmed (of those onboardings, or all); counts those still failed. */
  @Transactional
  public ResyncRequest.Result requeue(Crm crm, List<String> onboardingIds) {
    if (onboardingIds != null && onboardingIds.isEmpty()) {
      return new ResyncRequest.Result(0, 0);
    }
    Map<String, Object> params = new HashMap<>(Map.of("crm", crm.id()));
    if (onboardingIds != null) {
      params.put("ids", onboardingIds);
    }
    String only = onboardingIds == null ? "" : " and onboarding_id in (:ids)";
    int queued = jdbc.sql("""
        update onramp_sync_item set status = 'PENDING', due_at = :now, attempts = 0, lease_until = null, lease_owner = null, lease_token = null
        where crm = :crm and status = 'DONE'""" + only).params(params).param("now", Timestamp.from(ClockUtil.now().toInstant()))
        .update();
    int failed = jdbc.sql("select count(*) from onramp_sync_item where crm = :crm and status = 'FAILED'" + only).params(params)
        .query(Integer.class).single();
    return new ResyncRequest.Result(queued, failed);
  }

  /**
   * Applies every item of a batch in one transaction; items of another CRM or unknown ids are reported, not applied,
   * and so is an item whose lease is no longer the one it answers (STALE, with the row's current holder).
   * The batch's onboardings are locked first, in id order — the order the journey's own transactions take
   * (onboarding, then its sync rows) — so an acknowledgement never deadlocks with a CSM completing a step.
   * The common answer — DONE for a held lease, no incident to resolve — is one statement for the whole batch; the
   * others are applied row by row.
   */
  @Transactional
  public List<SyncAck.Result> acknowledge(Crm crm, SyncAck ack) {
    jdbc.sql("""
        select id from onramp_onboarding
        where id in (select onboarding_id from onramp_sync_item where crm = :crm and id in (:ids))
        order by id for update
        """).param("crm", crm.id()).param("ids", ack.items().stream().map(SyncAck.Item::id).toList())
        .query(String.class).list();
    Instant now = ClockUtil.now().toInstant();
    Map<Long, String> done = doneAtOnce(crm, ack.items(), now);
    List<SyncAck.Result> results = new ArrayList<>(ack.items().size());
    for (SyncAck.Item item : ack.items()) {
      String status = done.get(item.id());
      results.add(status != null ? new SyncAck.Result(item.id(), status) : apply(crm, item, now));
    }
    return results;
  }

  /**
   * Every DONE answer whose lease still holds and whose row has no incident, in one update: DONE, or PENDING when a
   * newer version came meanwhile (its attempts kept). Returns the status of each row it applied.
   */
  private Map<Long, String> doneAtOnce(Crm crm, List<SyncAck.Item> items, Instant now) {
    List<SyncAck.Item> answers = items.stream().filter(i -> i.outcome() == SyncAck.Outcome.DONE).toList();
    if (answers.isEmpty()) {
      return Map.of();
    }
    Map<Long, String> applied = new HashMap<>();
    // one table, each row found by id, its answer looked up by position: no join the planner could turn into a scan
    // per answer (as it does while the table's statistics are stale)
    String answered = "(cast(:versions as bigint[]))[array_position(cast(:ids as bigint[]), s.id)]";
    jdbc.sql("""
        update onramp_sync_item s set
          status = case when %1$s < s.version then 'PENDING' else 'DONE' end,
          synced_version = greatest(coalesce(s.synced_version, 0), %1$s), synced_at = :now,
          attempts = case when %1$s < s.version then s.attempts else 0 end,
          lease_until = null, lease_owner = null, lease_token = null, last_error = null
        where s.id = any(cast(:ids as bigint[])) and s.crm = :crm and s.incident_id is null
          and s.lease_token = (cast(:leases as text[]))[array_position(cast(:ids as bigint[]), s.id)]
        returning s.id, s.status
        """.formatted(answered))
        .param("ids", answers.stream().map(SyncAck.Item::id).toArray(Long[]::new))
        .param("leases", answers.stream().map(SyncAck.Item::lease).toArray(String[]::new))
        .param("versions", answers.stream().map(SyncAck.Item::version).toArray(Long[]::new))
        .param("now", Timestamp.from(now)).param("crm", crm.id())
        .query((rs, n) -> applied.put(rs.getLong("id"), rs.getString("status"))).list();
    return applied;
  }

  private SyncAck.Result apply(Crm crm, SyncAck.Item item, Instant now) {
    var current = jdbc.sql("select version, attempts, status, incident_id, onboarding_id, lease_token, lease_owner, lease_until "
            + "from onramp_sync_item where id = ? and crm = ? for update")
        .params(item.id(), crm.id())
        .query((rs, n) -> new Current(rs.getLong("version"), rs.getInt("attempts"), rs.getString("status"),
            rs.getString("incident_id"), rs.getString("onboarding_id"), rs.getString("lease_token"), rs.getString("lease_owner"),
            rs.getTimestamp("lease_until") == null ? null : rs.getTimestamp("lease_until").toInstant()))
        .optional();
    if (current.isEmpty()) {
      return new SyncAck.Result(item.id(), "UNKNOWN");
    }
    Current row = current.get();
    if (!item.lease().equals(row.leaseToken())) {          // another claim holds it now, or this one was answered: change nothing
      return SyncAck.Result.stale(item.id(), row.status(), row.leaseOwner(), row.leaseUntil());
    }
    return new SyncAck.Result(item.id(), applyHeld(item, row, now));
  }

  private String applyHeld(SyncAck.Item item, Current row, Instant now) {
    if (item.writtenThrough() != null && item.outcome() != SyncAck.Outcome.DONE) {    // the CRM took the passed stages up to there
      jdbc.sql("update onramp_sync_item set synced_version = greatest(coalesce(synced_version, 0), ?) where id = ?")
          .params(Math.min(item.writtenThrough(), row.version()), item.id()).update();
    }
    boolean newerPending = item.version() < row.version();
    return switch (item.outcome()) {
      case DONE -> done(item, row, newerPending, now);
      case RETRY -> retry(item, row, item.retryAt(), now);
      case FAILED -> newerPending ? retry(item, row, now, now) : fail(item, row, now);
      case RELEASE -> release(item);
    };
  }

  private String done(SyncAck.Item item, Current row, boolean newerPending, Instant now) {
    jdbc.sql("""
        update onramp_sync_item set status = :status, synced_version = greatest(coalesce(synced_version, 0), :version),
          synced_at = :now, lease_until = null, lease_owner = null, lease_token = null, attempts = case when :newer then attempts else 0 end,
          last_error = null, incident_id = null
        where id = :id
        """).param("status", newerPending ? "PENDING" : "DONE").param("version", item.version())
        .param("now", Timestamp.from(now)).param("newer", newerPending).param("id", item.id()).update();
    if (row.incidentId() != null) {
      incidents.resolve(row.incidentId());
    }
    return newerPending ? "PENDING" : "DONE";
  }

  private String retry(SyncAck.Item item, Current row, Instant retryAt, Instant now) {
    int attempts = row.attempts() + 1;
    if (attempts >= properties.maxAttempts()) {
      return fail(item, row, now);
    }
    Instant due = retryAt != null && retryAt.isAfter(now) ? retryAt : now.plus(backoff(attempts));
    jdbc.sql("""
        update onramp_sync_item set attempts = ?, due_at = ?, last_error = ?, lease_until = null, lease_owner = null, lease_token = null
        where id = ?
        """).params(attempts, Timestamp.from(due), item.message(), item.id()).update();
    return "PENDING";
  }

  private String release(SyncAck.Item item) {
    jdbc.sql("update onramp_sync_item set lease_until = null, lease_owner = null, lease_token = null where id = ? and status = 'PENDING'")
        .param(item.id()).update();
    return "PENDING";
  }

  private String fail(SyncAck.Item item, Current row, Instant now) {
    String message = item.message() == null ? "the CRM rejected the write without a message" : item.message();
    String incidentId = incidents.isOpen(row.incidentId()) ? row.incidentId()
        : incidents.raise(row.onboardingId(), item.id(), message).orElse(null);
    jdbc.sql("""
        update onramp_sync_item set status = 'FAILED', attempts = attempts + 1, last_error = ?, incident_id = ?,
          lease_until = null, lease_owner = null, lease_token = null
        where id = ?
        """).params(message, incidentId, item.id()).update();
    return "FAILED";
  }

  private Duration backoff(int attempts) {
    Duration delay = properties.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
    return delay.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : delay;
  }

  private record Row(long id, SyncKind kind, String subject, String onboardingId, long version, int attempts,
                     Instant changedAt, String payload, long syncedVersion) {
  }

  private record Current(long version, int attempts, String status, String incidentId, String onboardingId, String leaseToken,
                         String leaseOwner, Instant leaseUntil) {
  }
}

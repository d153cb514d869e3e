package io.onramp.handoff.crmevent;

import io.onramp.web.InvalidField;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The CRM events connectors have handled, in PostgreSQL: one row per (CRM, event id), written once
 * ({@code on conflict do nothing}), so every connector replica and every restart sees the same
 * answer. Rows are kept for the retention (longer than any CRM redelivers: HubSpot retries for a
 * day, Salesforce for 24 h) and then removed by whichever replica runs the cleanup first.
 */
@Service
public class CrmEvents {

  static final Set<String> CRMS = Set.of("hubspot", "salesforce");
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
  private static final Logger log = LoggerFactory.getLogger(CrmEvents.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration retention;

  CrmEvents(JdbcClient jdbc, @Value("${onramp.handoff.crm-event-retention:7d}") Duration retention) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
    this.retention = retention;
  }

  public Optional<CrmEvent> find(String crm, String eventId) {
    check(crm, eventId);
    return jdbc.sql("select * from crm_event where crm = ? and event_id = ?").params(crm, eventId)
        .query((rs, n) -> new CrmEvent(rs.getString("crm"), rs.getString("event_id"), rs.getTimestamp("handled_at").toInstant(),
            rs.getString("handoff_id"))).optional();
  }

  /** Records the event as handled; returns whether this call recorded it (false: it was recorded before, and stays as it was). */
  public boolean record(String crm, String eventId, String handoffId) {
    check(crm, eventId);
    if (handoffId != null && jdbc.sql("select count(*) from handoff where id = ?").param(handoffId).query(Long.class).single() == 0) {
      throw new InvalidField("handoffId", "no handoff " + handoffId);
    }
    return jdbc.sql("insert into crm_event (crm, event_id, handled_at, handoff_id) values (?, ?, ?, ?) on conflict do nothing")
        .params(crm, eventId, Timestamp.from(clock.instant()), handoffId).update() == 1;
  }

  @Scheduled(fixedDelayString = "${onramp.handoff.crm-event-cleanup-every:1h}", initialDelayString = "1m")
  void forgetOld() {
    int removed = jdbc.sql("delete from crm_event where handled_at < ?").param(Timestamp.from(clock.instant().minus(retention))).update();
    if (removed > 0) {
      log.info("forgot {} CRM events handled more than {} ago", removed, retention);
    }
  }

  private static void check(String crm, String eventId) {
    if (!CRMS.contains(crm)) {
      throw new InvalidField("crm", "must be one of " + CRMS.stream().sorted().toList());
    }
    if (!EVENT_ID.matcher(eventId).matches()) {
      throw new InvalidField("eventId", "must be 1–100 letters, digits or _ . : -");
    }
  }
}

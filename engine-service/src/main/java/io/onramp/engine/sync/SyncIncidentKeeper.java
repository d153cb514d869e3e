package io.onramp.engine.sync;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps one open incident per failed sync row while its journey runs: an incident lives on the
 * step the journey waited in, and Camunda removes it when that step ends.
 */
@Component
class SyncIncidentKeeper {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SyncIncidentKeeper.class);

  private final JdbcClient jdbc;
  private final SyncIncidents incidents;

  SyncIncidentKeeper(JdbcClient jdbc, SyncIncidents incidents) {
    this.jdbc = jdbc;
    this.incidents = incidents;
  }

  @Scheduled(fixedDelayString = "${onramp.sync.incident-check:30s}", initialDelayString = "${onramp.sync.incident-check:30s}")
  @Transactional
  public void raiseMissingIncidents() {
    record Failed(long id, String onboardingId, String message) {}
    List<Failed> failed = jdbc.sql("""
        select s.id, s.onboarding_id, s.last_error from onramp_sync_item s
        join onramp_onboarding o on o.id = s.onboarding_id
        where s.status = 'FAILED' and o.ended_at is null
          and (s.incident_id is null or not exists (select 1 from act_ru_incident i where i.id_ = s.incident_id))
        order by s.id limit 100
        for update of s skip locked
        """).query((rs, n) -> new Failed(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    if (!failed.isEmpty()) {
      log.info("re-raising incidents for {} failed sync row(s) whose step has ended", failed.size());
    }
    for (Failed row : failed) {
      incidents.raise(row.onboardingId(), row.id(), row.message()).ifPresent(incident ->
          jdbc.sql("update onramp_sync_item set incident_id = ? where id = ?").params(incident, row.id()).update());
    }
  }
}

package io.onramp.engine.sync;

import io.onramp.engine.onboarding.Crm;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes sync work in the caller's transaction. One row per (CRM, subject) carries only the
 * latest version, so ten changes before a worker runs are one write to the CRM; an older version
 * never replaces a newer one.
 */
@Component
public class SyncOutbox {

  private final JdbcClient jdbc;
  private final SyncSignal signal;

  SyncOutbox(JdbcClient jdbc, SyncSignal signal) {
    this.jdbc = jdbc;
    this.signal = signal;
  }

  public void onboardingChanged(Crm crm, String onboardingId, long version, Instant now) {
    upsert(crm, "onboarding:" + onboardingId, SyncKind.ONBOARDING, onboardingId, null, version, null, now);
  }

  public void taskChanged(Crm crm, String onboardingId, String taskId, long version, String taskJson, Instant now) {
    upsert(crm, "task:" + taskId, SyncKind.TASK, onboardingId, taskId, version, taskJson, now);
  }

  private void upsert(Crm crm, String subject, SyncKind kind, String onboardingId, String taskId, long version,
                      String payload, Instant now) {
    jdbc.sql("""
        insert into onramp_sync_item (crm, subject, kind, onboarding_id, task_id, version, payload, status, due_at, changed_at)
        values (:crm, :subject, :kind, :onboardingId, :taskId, :version, :payload, 'PENDING', :now, :now)
        on conflict (crm, subject) do update set
          version = excluded.version, payload = excluded.payload, changed_at = excluded.changed_at,
          due_at = case when onramp_sync_item.status = 'PENDING' then onramp_sync_item.due_at else excluded.due_at end,
          attempts = case when onramp_sync_item.status = 'PENDING' then onramp_sync_item.attempts else 0 end,
          status = 'PENDING'
        where onramp_sync_item.version < excluded.version
        """)
        .param("crm", crm.id()).param("subject", subject).param("kind", kind.name())
        .param("onboardingId", onboardingId).param("taskId", taskId).param("version", version)
        .param("payload", payload).param("now", Timestamp.from(now))
        .update();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          signal.wake(crm);
        }
      });
    } else {
      signal.wake(crm);
    }
  }
}

package io.onramp.engine.sync;

import io.onramp.engine.onboarding.Crm;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Wakes long-polling claimers of this replica when sync work for their CRM commits. Claimers also
 * re-check the table at least once a second, which covers work written by other replicas and
 * retries that fall due.
 */
@Component
class SyncSignal {

  private final Map<Crm, Object> monitors = new EnumMap<>(Crm.class);

  SyncSignal() {
    for (Crm crm : Crm.values()) {
      monitors.put(crm, new Object());
    }
  }

  void wake(Crm crm) {
    Object monitor = monitors.get(crm);
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  void await(Crm crm, long millis) throws InterruptedException {
    if (millis <= 0) {
      return;
    }
    Object monitor = monitors.get(crm);
    synchronized (monitor) {
      monitor.wait(millis);
    }
  }
}

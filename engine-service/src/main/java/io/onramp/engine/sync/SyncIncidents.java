package io.onramp.engine.sync;

import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Raises and resolves the Cockpit incidents of sync rows that exhausted their retries. */
@Component
class SyncIncidents {

  private final RuntimeService runtime;

  SyncIncidents(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** An incident on the onboarding's process instance, or empty when the journey has already ended. */
  Optional<String> raise(String onboardingId, long itemId, String message) {
    boolean running = runtime.createProcessInstanceQuery().processInstanceId(onboardingId).count() > 0;
    if (!running) {
      return Optional.empty();
    }
    return Optional.of(runtime.createIncident(CrmSyncIncidentHandler.TYPE, onboardingId, Long.toString(itemId), message).getId());
  }

  void resolve(String incidentId) {
    if (runtime.createIncidentQuery().incidentId(incidentId).count() > 0) {
      runtime.resolveIncident(incidentId);
    }
  }
}

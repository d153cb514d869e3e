package io.onramp.engine.sync;

import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.springframework.stereotype.Component;

/** Raises and resolves the Cockpit incidents of sync rows that exhausted their retries. */
@Component
class SyncIncidents {

  private final RuntimeService runtime;

  SyncIncidents(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /**
   * An incident on the onboarding's process instance, shown at the step the journey is waiting in,
   * or empty when the journey has already ended (the failure stays visible in the onboarding API).
   */
  Optional<String> raise(String onboardingId, long itemId, String message) {
    ActivityInstance tree = runtime.getActivityInstance(onboardingId);
    if (tree == null) {
      return Optional.empty();
    }
    return waitingExecution(tree).map(execution ->
        runtime.createIncident(CrmSyncIncidentHandler.TYPE, execution, Long.toString(itemId), message).getId());
  }

  private static Optional<String> waitingExecution(ActivityInstance instance) {
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      Optional<String> found = waitingExecution(child);
      if (found.isPresent()) {
        return found;
      }
    }
    if (instance.getChildActivityInstances().length == 0 && instance.getExecutionIds().length > 0
        && instance.getParentActivityInstanceId() != null) {
      return Optional.of(instance.getExecutionIds()[0]);
    }
    return Optional.empty();
  }

  boolean isOpen(String incidentId) {
    return incidentId != null && runtime.createIncidentQuery().incidentId(incidentId).count() > 0;
  }

  void resolve(String incidentId) {
    if (isOpen(incidentId)) {
      runtime.resolveIncident(incidentId);
    }
  }
}

package io.onramp.engine.sync;

import io.onramp.engine.security.AsPlatform;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.springframework.stereotype.Component;

/**
 * Raises and resolves the Cockpit incidents of sync rows that exhausted their retries. This is the
 * platform's own bookkeeping: it runs without the calling connector's Camunda authorization (a
 * connector may report a failure; it may not read journeys).
 */
@Component
class SyncIncidents {

  private final RuntimeService runtime;
  private final AsPlatform platform;

  SyncIncidents(RuntimeService runtime, AsPlatform platform) {
    this.runtime = runtime;
    this.platform = platform;
  }

  /**
   * An incident on the onboarding's process instance, shown at the step the journey is waiting in,
   * or empty when the journey has already ended (the failure stays visible in the onboarding API).
   */
  Optional<String> raise(String onboardingId, long itemId, String message) {
    return platform.call(() -> {
      ActivityInstance tree = runtime.getActivityInstance(onboardingId);
      if (tree == null) {
        return Optional.empty();
      }
      return waitingExecution(tree).map(execution ->
          runtime.createIncident(CrmSyncIncidentHandler.TYPE, execution, Long.toString(itemId), message).getId());
    });
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
    return incidentId != null && platform.call(() -> runtime.createIncidentQuery().incidentId(incidentId).count() > 0);
  }

  void resolve(String incidentId) {
    if (isOpen(incidentId)) {
      platform.run(() -> runtime.resolveIncident(incidentId));
    }
  }
}

package io.onramp.engine.sync;

import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
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
  private final IdentityService identity;

  SyncIncidents(RuntimeService runtime, IdentityService identity) {
    this.runtime = runtime;
    this.identity = identity;
  }

  /**
   * An incident on the onboarding's process instance, shown at the step the journey is waiting in,
   * or empty when the journey has already ended (the failure stays visible in the onboarding API).
   */
  Optional<String> raise(String onboardingId, long itemId, String message) {
    return asPlatform(() -> {
      ActivityInstance tree = runtime.getActivityInstance(onboardingId);
      if (tree == null) {
        return Optional.empty();
      }
      return waitingExecution(tree).map(execution ->
          runtime.createIncident(CrmSyncIncidentHandler.TYPE, execution, Long.toString(itemId), message).getId());
    });
  }

  private <T> T asPlatform(Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
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
    return incidentId != null && asPlatform(() -> runtime.createIncidentQuery().incidentId(incidentId).count() > 0);
  }

  void resolve(String incidentId) {
    if (isOpen(incidentId)) {
      asPlatform(() -> {
        runtime.resolveIncident(incidentId);
        return null;
      });
    }
  }
}

package io.onramp.engine.tracking;

import io.onramp.engine.onboarding.Health;
import io.onramp.processes.CustomerOnboarding;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code camunda:delegateExpression="${onrampHealth}"}: asks the health table (processes/onboarding-health.dmn) for the
 * onboarding's health, or, with an input parameter {@code health} (ON_TRACK, AT_RISK, OFF_TRACK), sets that one. Either way
 * a change is recorded in the health history and synced to linked CRMs.
 */
@Component("onrampHealth")
class HealthPlay implements JavaDelegate {

  private final JourneyTracker tracker;

  HealthPlay(JourneyTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object value = execution.getVariableLocal(CustomerOnboarding.HEALTH);
    if (value == null) {
      tracker.reassessHealth(execution);
      return;
    }
    Health health = Arrays.stream(Health.values()).filter(h -> h.name().equals(String.valueOf(value))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Input 'health' of " + execution.getCurrentActivityId()
            + " is '" + value + "'; expected one of " + Arrays.toString(Health.values())));
    tracker.changeHealth(execution, health);
  }
}

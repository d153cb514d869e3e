package io.onramp.engine.tracking;

import io.onramp.engine.onboarding.OnboardingProfile;
import io.onramp.processes.CustomerOnboarding;
import io.onramp.processes.JourneyVariables;
import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads the insights' dimensions from a journey's variables; anything missing or unreadable is left out. */
final class JourneyProfile {
  private JourneyProfile() {}

  static OnboardingProfile of(VariableScope journey) {
    Object arr = journey.getVariable(CustomerOnboarding.ARR);
    Object completeness = journey.getVariable(JourneyVariables.HANDOFF_COMPLETENESS);
    Object product = journey.getVariable(JourneyVariables.PRODUCT);
    return new OnboardingProfile(plan(journey, "variant"), product == null ? null : product.toString(),
        arr instanceof Number n ? new BigDecimal(n.toString()) : null,
        completeness instanceof Number n ? n.intValue() : null,
        BusinessDate.parse(journey.getVariable(JourneyVariables.HANDOFF_SUBMITTED_AT)));
  }

  /** The group the plan gives the CSM's tasks (its first assignee is the onboarding's CSM). */
  static String csmGroup(VariableScope journey) {
    return plan(journey, "csmGroup");
  }

  private static String plan(VariableScope journey, String field) {
    Object value = journey.getVariable(CustomerOnboarding.PLAN) instanceof Map<?, ?> plan ? plan.get(field) : null;
    return value == null ? null : value.toString();
  }
}

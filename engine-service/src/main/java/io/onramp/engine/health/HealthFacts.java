package io.onramp.engine.health;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The health table's inputs for one onboarding, named as in processes/onboarding-health.dmn. {@code daysSinceLogin} is null
 * while nobody has logged in; the windowed counts cover the last 14 days (key feature) and 30 days (emails).
 */
record HealthFacts(String stage, int overdueSteps, boolean activated, Double daysSinceLogin, int activeUsers, int keyFeatureUses,
                   int emailEngagement, double daysInStage) {

  HealthFacts withOverdueSteps(int steps) {
    return new HealthFacts(stage, steps, activated, daysSinceLogin, activeUsers, keyFeatureUses, emailEngagement, daysInStage);
  }

  VariableMap variables() {
    return Variables.createVariables().putValue("stage", stage).putValue("overdueSteps", overdueSteps)
        .putValue("activated", activated).putValue("daysSinceLogin", daysSinceLogin).putValue("activeUsers", activeUsers)
        .putValue("keyFeatureUses", keyFeatureUses).putValue("emailEngagement", emailEngagement).putValue("daysInStage", daysInStage);
  }
}

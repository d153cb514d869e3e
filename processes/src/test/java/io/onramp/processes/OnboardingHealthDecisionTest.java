package io.onramp.processes;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of the health table (processes/onboarding-health.dmn), the order they are tried in, and the edges. */
class OnboardingHealthDecisionTest {

  static DmnEngine dmn;
  static DmnDecision health;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (var in = OnboardingHealthDecisionTest.class.getResourceAsStream("/onramp/processes/onboarding-health.dmn")) {
      health = dmn.parseDecision(CustomerOnboarding.HEALTH_DECISION_ID, in);
    }
  }

  @ParameterizedTest(name = "[{index}] overdue {0}, {1}, activated {2}, login {3} d ago, {4} users, {5} key uses, {6} emails, {7} d in stage -> {8}")
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      // rule 1: two overdue steps, whatever else
      "2 | SETUP       | false | null | 0  | 0 | 0 | 1  | OFF_TRACK | Two or more steps",
      "3 | ADOPTION    | true  | 0    | 50 | 9 | 9 | 1  | OFF_TRACK | Two or more steps",
      // rule 2: live and no login for over 14 days
      "0 | GO_LIVE     | true  | 15   | 10 | 5 | 3 | 30 | OFF_TRACK | nobody has logged in for over 14 days",
      "0 | ADOPTION    | true  | 14.5 | 10 | 5 | 3 | 30 | OFF_TRACK | nobody has logged in for over 14 days",
      // rule 3: live for over 14 days, never a login
      "0 | FIRST_VALUE | true  | null | 10 | 5 | 3 | 15 | OFF_TRACK | nobody has ever logged in",
      // rule 4: one overdue step
      "1 | KICKOFF     | false | null | 0  | 0 | 0 | 1  | AT_RISK   | A step is past its SLA",
      "1 | GO_LIVE     | true  | 20   | 10 | 5 | 3 | 30 | OFF_TRACK | nobody has logged in for over 14 days",
      // rule 5: live a week without activation
      "0 | GO_LIVE     | false | 1    | 10 | 5 | 3 | 8  | AT_RISK   | without product activation",
      "0 | GO_LIVE     | false | 1    | 10 | 5 | 3 | 7  | ON_TRACK  | on track",
      // rule 6: no login for a week
      "0 | GO_LIVE     | true  | 8    | 10 | 5 | 3 | 2  | AT_RISK   | No login for over 7 days",
      "0 | GO_LIVE     | true  | 7    | 10 | 5 | 3 | 2  | ON_TRACK  | on track",
      "0 | SETUP       | false | 30   | 0  | 0 | 3 | 2  | ON_TRACK  | on track",
      // rule 7: first value claimed, key feature idle
      "0 | FIRST_VALUE | true  | 1    | 10 | 0 | 3 | 8  | AT_RISK   | key feature has not been used",
      "0 | GO_LIVE     | true  | 1    | 10 | 0 | 3 | 8  | ON_TRACK  | on track",
      // rule 8: fewer than 2 active users
      "0 | TRAINING    | false | 1    | 1  | 0 | 3 | 8  | AT_RISK   | Fewer than 2 active users",
      "0 | TRAINING    | false | 1    | 2  | 0 | 3 | 8  | ON_TRACK  | on track",
      "0 | TRAINING    | false | 1    | 1  | 0 | 3 | 7  | ON_TRACK  | on track",
      // rule 9: before go-live, no email engagement
      "0 | SETUP       | false | null | 0  | 0 | 0 | 11 | AT_RISK   | No onboarding email opened",
      "0 | SETUP       | false | null | 0  | 0 | 1 | 11 | ON_TRACK  | on track",
      "0 | HANDOFF     | false | null | 0  | 0 | 0 | 11 | ON_TRACK  | on track",
      // rule 10: otherwise
      "0 | KICKOFF     | false | null | 0  | 0 | 0 | 1  | ON_TRACK  | on track",
      "0 | STEADY_STATE| true  | 1    | 20 | 9 | 0 | 90 | ON_TRACK  | on track",
  })
  void decidesHealthFromUsageSlasAndStage(int overdue, String stage, boolean activated, Double daysSinceLogin, int activeUsers,
                                         int keyFeatureUses, int emailEngagement, double daysInStage, String expected,
                                         String reasonPart) {
    DmnDecisionRuleResult result = dmn.evaluateDecisionTable(health, Variables.createVariables()
        .putValue("overdueSteps", overdue).putValue("stage", stage.trim()).putValue("activated", activated)
        .putValue("daysSinceLogin", daysSinceLogin).putValue("activeUsers", activeUsers)
        .putValue("keyFeatureUses", keyFeatureUses).putValue("emailEngagement", emailEngagement)
        .putValue("daysInStage", daysInStage)).getSingleResult();

    assertThat(result.<String>getEntry("health")).isEqualTo(expected);
    assertThat(result.<String>getEntry("reason")).containsIgnoringCase(reasonPart);
  }
}

package io.onramp.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnboardingPlanDecisionTest {

  static DmnEngine dmn;
  static DmnDecision plan;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (var in = OnboardingPlanDecisionTest.class.getResourceAsStream("/onramp/processes/onboarding-plan.dmn")) {
      plan = dmn.parseDecision(CustomerOnboarding.DECISION_ID, in);
    }
  }

  @ParameterizedTest(name = "{0}, ARR {1}, {2} products -> {3}")
  @CsvSource(nullValues = "null", value = {
      "self-serve, 4000,   1, SELF_SERVE, 3,  14, csm",
      "self-serve, 9999,   2, SELF_SERVE, 3,  14, csm",
      "self-serve, 10000,  1, ASSISTED,   5,  14, implementation",
      "self-serve, null,   1, ASSISTED,   5,  14, implementation",
      "assisted,   50000,  2, ASSISTED,   5,  14, implementation",
      "assisted,   150000, 1, ENTERPRISE, 5,  21, implementation",
      "assisted,   20000,  3, ENTERPRISE, 5,  21, implementation",
      "enterprise, 30000,  1, ENTERPRISE, 5,  21, implementation",
      "null,       null,   null, ASSISTED, 5, 14, implementation",
  })
  void shouldChooseVariantSlasAndOwnersFromSegmentArrAndProducts(
      String segment, Double arr, Integer products, String variant, int kickoffDays, int firstValueDays, String setupGroup) {
    var result = dmn.evaluateDecisionTable(plan, Variables.createVariables()
        .putValue("segment", segment).putValue("arr", arr).putValue("productCount", products)).getSingleResult();

    Map<String, Object> entries = result.getEntryMap();
    assertThat(entries).containsEntry("variant", variant)
        .containsEntry("slaKickoffDays", kickoffDays)
        .containsEntry("slaFirstValueDays", firstValueDays)
        .containsEntry("setupGroup", setupGroup)
        .containsEntry("csmGroup", "csm");
    assertThat(entries.keySet()).contains("slaReviewDays", "slaSetupDays", "slaTrainingDays", "slaGoLiveDays", "slaAdoptionDays");
  }
}

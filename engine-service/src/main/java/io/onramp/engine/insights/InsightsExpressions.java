package io.onramp.engine.insights;

import io.onramp.processes.CustomerOnboarding;
import io.onramp.processes.JourneyVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Insights a journey can show its people, as {@code ${onrampInsights.…}} expressions: the CS lead's
 * review form shows {@code ${onrampInsights.customersLikeYou(execution)}} ("customers like you reach
 * first value in 3–4 weeks; n=42") for the handoff's segment, product and ARR.
 */
@Component("onrampInsights")
public class InsightsExpressions {

  private final CustomersLikeYou customersLikeYou;

  InsightsExpressions(CustomersLikeYou customersLikeYou) {
    this.customersLikeYou = customersLikeYou;
  }

  public String customersLikeYou(VariableScope journey) {
    Object segment = journey.getVariable(JourneyVariables.SEGMENT);
    Object product = journey.getVariable(JourneyVariables.PRODUCT);
    Object arr = journey.getVariable(CustomerOnboarding.ARR);
    CustomersLikeYou.Expectation expectation = customersLikeYou.expect(segment == null ? null : segment.toString(),
        product == null ? null : product.toString(), arr instanceof Number n ? n.doubleValue() : null);
    return expectation.summary() + (expectation.ignored().isEmpty() ? "" : " (too few alike: " + String.join(", ", expectation.ignored())
        + " not compared)");
  }
}

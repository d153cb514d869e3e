package io.onramp.engine.usage;

import io.onramp.engine.security.AsPlatform;
import io.onramp.processes.CustomerOnboarding;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The product says the customer activated: the journey hears it. {@code productActivatedAt} is set on the journey (so one
 * that reaches "Await activation" later goes straight on), and a journey waiting for {@code ProductActivated} gets it now.
 */
@Component
class Activation {

  private static final Logger log = LoggerFactory.getLogger(Activation.class);

  private final RuntimeService runtime;
  private final AsPlatform platform;

  Activation(RuntimeService runtime, AsPlatform platform) {
    this.runtime = runtime;
    this.platform = platform;
  }

  void activated(String onboardingId, java.time.Instant at) {
    platform.run(() -> {
      if (runtime.createProcessInstanceQuery().processInstanceId(onboardingId).count() == 0) {
        return;
      }
      runtime.setVariable(onboardingId, CustomerOnboarding.PRODUCT_ACTIVATED_AT, at.toString());
      boolean waiting = runtime.createEventSubscriptionQuery().processInstanceId(onboardingId).eventType("message")
          .eventName(CustomerOnboarding.MESSAGE_PRODUCT_ACTIVATED).count() > 0;
      if (waiting) {
        runtime.createMessageCorrelation(CustomerOnboarding.MESSAGE_PRODUCT_ACTIVATED).processInstanceId(onboardingId).correlate();
      }
      log.info("onboarding {}: product activated at {}{}", onboardingId, at, waiting ? "; the journey goes on to first value" : "");
    });
  }
}

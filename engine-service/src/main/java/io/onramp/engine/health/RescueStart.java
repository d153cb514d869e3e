package io.onramp.engine.health;

import io.onramp.engine.security.AsPlatform;
import io.onramp.processes.CustomerOnboarding;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Health went off track: the journey's rescue play starts with message {@code HealthAtRisk} (customer-onboarding catches it
 * in an event sub-process; a designer's own process can too). A journey without that message keeps the health change only.
 */
@Component
class RescueStart {

  private static final String MESSAGE = CustomerOnboarding.MESSAGE_HEALTH_AT_RISK;

  private static final Logger log = LoggerFactory.getLogger(RescueStart.class);

  private final RuntimeService runtime;
  private final AsPlatform platform;

  RescueStart(RuntimeService runtime, AsPlatform platform) {
    this.runtime = runtime;
    this.platform = platform;
  }

  void start(HealthChanges.Change change) {
    platform.run(() -> {
      boolean listening = runtime.createEventSubscriptionQuery().processInstanceId(change.onboardingId()).eventType("message")
          .eventName(MESSAGE).count() > 0;
      if (!listening) {
        log.info("onboarding {} went {}; its journey has no {} message, so no rescue play starts", change.onboardingId(),
            change.to(), MESSAGE);
        return;
      }
      runtime.createMessageCorrelation(MESSAGE).processInstanceId(change.onboardingId())
          .setVariable(CustomerOnboarding.HEALTH_REASON, change.reason())
          .setVariable(CustomerOnboarding.HEALTH_VERDICT, change.to().name()).correlate();
      log.info("onboarding {} went {} ({}): rescue play started", change.onboardingId(), change.to(), change.reason());
    });
  }
}

package io.onramp.engine.insights;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param completionAlert  completion rate under which the completion report raises its alert (0–1)
 * @param stuckAfter       an open onboarding with no stage change for this long counts as stuck
 * @param ttvTarget        time-to-first-value target: onboarded "within target" for the retention comparison
 * @param activationWindow self-serve customers activated within this long after kickoff count as activated
 * @param minSample        "customers like you" widens its comparison until it has this many onboardings
 */
@ConfigurationProperties("onramp.insights")
record InsightsProperties(@DefaultValue("0.8") double completionAlert, @DefaultValue("30d") Duration stuckAfter,
                          @DefaultValue("45d") Duration ttvTarget, @DefaultValue("14d") Duration activationWindow,
                          @DefaultValue("10") int minSample) {
}

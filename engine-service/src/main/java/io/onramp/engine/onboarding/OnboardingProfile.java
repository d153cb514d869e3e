package io.onramp.engine.onboarding;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the insights group an onboarding by, as the journey knows it: the plan's variant, the first
 * product, ARR, and the handoff's completeness and first submission. Any of them may be missing.
 */
public record OnboardingProfile(String variant, String product, BigDecimal arr, Integer handoffCompleteness,
                                Instant handoffSubmittedAt) {
}

package io.onramp.engine.sync;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Reconciling a CRM: write again what it should show. {@code onboardingIds} limits it to those
 * onboardings (absent: every onboarding linked to the CRM).
 */
public record ResyncRequest(@Size(max = 10_000) List<@NotBlank String> onboardingIds) {

  /** What was queued again, and what stays failed until its incident is resolved. */
  public record Result(int queued, int failed) {
  }
}

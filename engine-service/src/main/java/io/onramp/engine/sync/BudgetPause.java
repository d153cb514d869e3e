package io.onramp.engine.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The vendor told one replica to wait (a rolling-window 429, a remaining-count header at 0): every replica of
 * the account waits. {@code daySpent}: the vendor's daily limit is gone; no permits until the day renews.
 */
public record BudgetPause(@NotBlank @Size(max = 255) String account, @Min(0) @Max(86_400_000) long pauseMillis,
                          boolean daySpent, String dayZone) {
}

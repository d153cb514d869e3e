package io.onramp.engine.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A connector replica asks for permits to call its vendor: at most {@code perWindow} in any rolling
 * {@code windowMillis} and {@code perDay} per calendar day in {@code dayZone}, counted across every replica
 * that names the same account.
 *
 * @param account      the vendor account the limits belong to (a HubSpot portal, an Eloqua instance)
 * @param permits      how many calls the replica is about to make (1..100)
 * @param perWindow    the vendor's rolling limit
 * @param windowMillis the rolling window (HubSpot: 10 000)
 * @param perDay       the vendor's daily limit
 * @param dayZone      where the vendor's day starts (HubSpot: the account's time zone)
 */
public record BudgetRequest(@NotBlank @Size(max = 255) String account, @Min(1) @Max(100) int permits,
                            @Min(1) int perWindow, @Min(1) @Max(86_400_000) long windowMillis, @Min(1) long perDay,
                            @Pattern(regexp = "[A-Za-z0-9_+/\\-:]{1,64}", message = "must be a time zone id like UTC or America/New_York")
                            String dayZone) {
}

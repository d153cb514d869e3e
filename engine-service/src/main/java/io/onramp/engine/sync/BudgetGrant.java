package io.onramp.engine.sync;

/**
 * What a replica may send: {@code granted} calls within the next {@code validForMillis} (unused, they still
 * count until the window passes). None granted: try again in {@code retryInMillis}; {@code daySpent} when the
 * day's limit is what is spent (or the vendor said so), so the work is handed back until the day renews.
 */
public record BudgetGrant(int granted, long validForMillis, long retryInMillis, boolean daySpent, long remainingToday) {
}

package io.onramp.connector.sync;

/**
 * A claim of due sync work (docs/sync-api.md), as engine-service's {@code ClaimRequest} reads it; the two are
 * held together by the contract tests ({@code contracts/sync} in test-support).
 */
public record ClaimRequest(String workerId, int maxItems, long leaseSeconds, long waitSeconds, boolean reclaim) {
}

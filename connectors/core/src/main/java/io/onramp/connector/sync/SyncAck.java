package io.onramp.connector.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The report on a claimed batch (docs/sync-api.md), as engine-service's {@code SyncAck} reads it; held together
 * with it by the contract tests ({@code contracts/sync} in test-support).
 */
public record SyncAck(List<Item> items) {

  public enum Answer { DONE, RETRY, FAILED, RELEASE }

  /** {@code retryAt}, {@code message}, {@code writtenThrough}: absent unless the answer carries them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(long id, String lease, long version, Answer outcome, Instant retryAt, String message, Long writtenThrough) {
  }

  /** What became of an item: DONE, PENDING, FAILED, UNKNOWN or STALE (then the row's current status and lease holder). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Result(long id, String status, String current, String heldBy, Instant leaseUntil) {
  }
}

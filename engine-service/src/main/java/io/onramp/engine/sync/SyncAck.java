package io.onramp.engine.sync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** A connector's report on a claimed batch, applied in one transaction. */
public record SyncAck(@NotEmpty @Size(max = 1000) List<@Valid @NotNull Item> items) {

  /** RELEASE gives a lease back untried (a worker shutting down): claimable again at once, no attempt counted. */
  public enum Outcome { DONE, RETRY, FAILED, RELEASE }

  /**
   * @param id      the claimed item's id
   * @param version the version the connector wrote (or tried to)
   * @param retryAt RETRY only: when to try again (the vendor's wait); absent = exponential backoff
   * @param message RETRY/FAILED: the CRM's own words, shown in the incident and the onboarding API
   * @param writtenThrough RETRY/FAILED: the version of the last passed stage the CRM took before the write
   *                stopped; the next claim lists only the stages after it (absent: none taken)
   */
  public record Item(@Positive long id, @Positive long version, @NotNull Outcome outcome, Instant retryAt,
                     @Size(max = 4000) String message, @Positive Long writtenThrough) {
  }

  /** What became of each item: DONE, PENDING (newer version or retry due) or FAILED (incident raised). */
  public record Result(long id, String status) {
  }
}

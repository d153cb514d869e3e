package io.onramp.engine.sync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
   * @param lease   the claim's lease this answers (the claimed item's {@code lease}); an answer for a lease that has
   *                moved on changes nothing
   * @param version the version the connector wrote (or tried to)
   * @param retryAt RETRY only: when to try again (the vendor's wait); absent = exponential backoff
   * @param message RETRY/FAILED: the CRM's own words, shown in the incident and the onboarding API
   * @param writtenThrough RETRY/FAILED: the version of the last passed stage the CRM took before the write
   *                stopped; the next claim lists only the stages after it (absent: none taken)
   */
  public record Item(@Positive long id, @NotBlank @Size(max = 36) String lease, @Positive long version, @NotNull Outcome outcome,
                     Instant retryAt,
                     @Size(max = 4000) String message, @Positive Long writtenThrough) {
  }

  /**
   * What became of each item: DONE, PENDING (newer version or retry due), FAILED (incident raised), UNKNOWN, or
   * STALE — the lease it answers has moved on, nothing was changed; then {@code current} is the row's status now and
   * {@code heldBy}/{@code leaseUntil} its lease holder, if any.
   */
  public record Result(long id, String status, String current, String heldBy, Instant leaseUntil) {

    Result(long id, String status) {
      this(id, status, null, null, null);
    }

    static Result stale(long id, String current, String heldBy, Instant leaseUntil) {
      return new Result(id, "STALE", current, heldBy, leaseUntil);
    }
  }
}

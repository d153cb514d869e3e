package io.onramp.engine.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * @param workerId     who holds the lease (shown in the onboarding API and logs)
 * @param maxItems     batch size (1..onramp.sync.max-batch), default 100
 * @param leaseSeconds how long the items stay reserved for this worker, default 60
 * @param waitSeconds  long poll: how long to wait for work when nothing is due, default 0
 * @param reclaim      also hand back what is still leased to this worker id (it lost its last answer), default false
 */
public record ClaimRequest(@NotBlank @Size(max = 255) String workerId, @Min(1) Integer maxItems,
                           @Min(1) Integer leaseSeconds, @Min(0) @Max(3600) Integer waitSeconds, Boolean reclaim) {

  /** Whether the worker asks back what is still leased to it (its first claim, or after a lost answer). */
  public boolean reclaiming() {
    return Boolean.TRUE.equals(reclaim);
  }
}

package io.onramp.engine.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/**
 * One unit of sync work handed to a connector: the subject's latest version and, with it, the
 * onboarding's current snapshot (and for a task, the task as it was at that version). An onboarding
 * item also lists the stages passed since the CRM's last confirmed version, oldest first (absent when none).
 * {@code lease} names this claim: the acknowledgement must carry it back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimedItem(long id, SyncKind kind, String subject, long version, int attempts, Instant changedAt,
                          Instant leaseUntil, String lease, OnboardingSnapshot onboarding, @JsonRawValue String task,
                          List<PassedStage> passedStages) {
}

package io.onramp.handoff.handoff;

import java.time.Duration;
import java.time.Instant;

/** The handoff aggregate: its content, where it is in review, and the facts the KPIs need. */
public record Handoff(String id, HandoffStatus status, int version, String owner, HandoffContent content,
                      int completenessScore, String revisionComments, String overrideReason, Instant createdAt,
                      Instant updatedAt, Instant firstSubmittedAt, Instant submittedAt, Instant acceptedAt,
                      int submissions) {

  /** KPI: hours from the deal's closed-won date (start of that day, UTC) to the first submit. */
  public Long closedWonToSubmittedHours() {
    if (firstSubmittedAt == null || content.closedWonDate() == null) {
      return null;
    }
    return Duration.between(content.closedWonDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), firstSubmittedAt).toHours();
  }
}

package io.onramp.handoff.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.onramp.handoff.handoff.Handoff;
import io.onramp.handoff.handoff.HandoffCompleteness;
import io.onramp.handoff.handoff.HandoffContent;
import io.onramp.handoff.handoff.HandoffStatus;
import io.onramp.handoff.journey.JourneyDeliveryStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A handoff as the API shows it: content, completeness (what is missing for kickoff), review and journey
 * state, and on a single handoff what customers like this one took ({@code customersLikeYou}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HandoffView(String id, HandoffStatus status, int version, String owner, HandoffContent content,
                   HandoffCompleteness.Result completeness, String revisionComments, String overrideReason,
                   Instant createdAt, Instant updatedAt, Instant firstSubmittedAt, Instant submittedAt, Instant acceptedAt,
                   Long closedWonToSubmittedHours, JourneyDeliveryStatus journey, Map<String, Object> customersLikeYou) {

  static HandoffView of(Handoff h, JourneyDeliveryStatus journey) {
    return of(h, journey, null);
  }

  /** With what customers like this one took (engine-service's insights), when known. */
  static HandoffView of(Handoff h, JourneyDeliveryStatus journey, Map<String, Object> customersLikeYou) {
    return new HandoffView(h.id(), h.status(), h.version(), h.owner(), h.content(), HandoffCompleteness.of(h.content()),
        h.revisionComments(), h.overrideReason(), h.createdAt(), h.updatedAt(), h.firstSubmittedAt(), h.submittedAt(),
        h.acceptedAt(), h.closedWonToSubmittedHours(), journey, customersLikeYou);
  }
}

package io.onramp.connector.handoff;

import java.time.Instant;

/** handoff-service's record of a CRM event a connector handled ({@code /api/crm-events/{crm}/{eventId}}). */
public record HandledEvent(String crm, String eventId, Instant handledAt, String handoffId) {

  /** The body of the record call: the draft the event made, null when it made none. */
  record Draft(String handoffId) {
  }
}

package io.onramp.handoff.crmevent;

import java.time.Instant;

/** A CRM event a connector has handled; {@code handoffId} is the draft it made, null when it made none (deal no longer won). */
public record CrmEvent(String crm, String eventId, Instant handledAt, String handoffId) {
}

package io.onramp.handoff.journey;

import java.time.Instant;

/** Where the handoff's latest journey message is: PENDING (with attempts and the engine's last answer) or DELIVERED. */
public record JourneyDeliveryStatus(String message, String status, int attempts, String lastError,
                                    String processInstanceId, Instant deliveredAt) {
}

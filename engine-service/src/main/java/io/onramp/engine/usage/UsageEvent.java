package io.onramp.engine.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One product-usage event for an account. The account is named by exactly one of {@code onboarding} (the onboarding id or
 * its handoff id), {@code hubspotCompanyId} or {@code salesforceAccountId}. {@code eventId} is the sender's id: the same id
 * again is a duplicate, never a second event.
 */
public record UsageEvent(String eventId, String onboarding, String hubspotCompanyId, String salesforceAccountId, UsageKind kind,
                         BigDecimal value, Instant occurredAt) {
}

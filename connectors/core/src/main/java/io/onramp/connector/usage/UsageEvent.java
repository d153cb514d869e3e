package io.onramp.connector.usage;

import java.math.BigDecimal;
import java.time.Instant;

/** One product-usage event as engine-service takes it: the account by its CRM id, idempotent by {@code eventId}. */
public record UsageEvent(String eventId, String hubspotCompanyId, String salesforceAccountId, String kind, BigDecimal value,
                         Instant occurredAt) {
}

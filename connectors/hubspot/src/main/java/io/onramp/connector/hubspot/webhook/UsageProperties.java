package io.onramp.connector.hubspot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.connector.usage.UsageApi;
import io.onramp.connector.usage.UsageEvent;
import io.onramp.connector.usage.UsageFields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Product usage on HubSpot companies: a {@code company.propertyChange} webhook event for a configured property
 * ({@code onramp.hubspot.webhook.usage-properties}, property → usage kind) becomes a usage event of that company,
 * idempotent by HubSpot's event id, sent to engine-service for the company's onboarding.
 */
@Component
class UsageProperties {

  private final UsageFields fields;
  private final UsageApi engine;

  UsageProperties(WebhookProperties properties, UsageApi engine) {
    this.fields = new UsageFields(properties.usageProperties());
    this.engine = engine;
  }

  Optional<UsageEvent> of(JsonNode event) {
    if (!"company.propertyChange".equals(event.path("subscriptionType").asText())) {
      return Optional.empty();
    }
    return fields.event("hubspot-" + event.path("eventId").asText(), event.path("objectId").asText(), null,
        event.path("propertyName").asText(), event.path("propertyValue").asText(null),
        Instant.ofEpochMilli(event.path("occurredAt").asLong(System.currentTimeMillis())));
  }

  void send(List<UsageEvent> events) {
    if (!events.isEmpty()) {
      engine.send(new UsageApi.Batch(events));
    }
  }
}

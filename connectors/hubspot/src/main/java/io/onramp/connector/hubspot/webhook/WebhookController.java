package io.onramp.connector.hubspot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/hubspot}: verified (v3 signature over the public URI, 5-minute window; v1
 * only if configured), deduplicated by event id, and a closed-won deal becomes a handoff draft.
 * A bad signature gets 401 and a metric, nothing else. A failure while acting answers 500 so that
 * HubSpot delivers again (an event id is remembered only once it has been handled).
 */
@RestController
class WebhookController {

  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSpotSignature signature;
  private final ClosedWonDeals deals;
  private final WebhookProperties properties;
  private final MeterRegistry metrics;
  /** Recently handled event ids (bounded); redeliveries are dropped. Per replica: handoff creation is idempotent anyway. */
  private final Set<Long> handled = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
      return size() > 100_000;
    }
  }));

  WebhookController(ClosedWonDeals deals, WebhookProperties properties, MeterRegistry metrics) {
    this.signature = new HubSpotSignature(properties.clientSecret(), properties.acceptV1(), properties.maxAge(), Clock.systemUTC());
    this.deals = deals;
    this.properties = properties;
    this.metrics = metrics;
  }

  @PostMapping("/webhooks/hubspot")
  ResponseEntity<Void> receive(@RequestBody(required = false) byte[] body, HttpServletRequest request) throws IOException {
    byte[] raw = body == null ? new byte[0] : body;
    HubSpotSignature.Verdict verdict = "v1".equalsIgnoreCase(request.getHeader("X-HubSpot-Signature-Version"))
        && request.getHeader("X-HubSpot-Signature-v3") == null
        ? signature.verifyV1(raw, request.getHeader("X-HubSpot-Signature"))
        : signature.verifyV3(request.getMethod(), uri(request), raw, request.getHeader("X-HubSpot-Request-Timestamp"),
            request.getHeader("X-HubSpot-Signature-v3"));
    if (verdict != HubSpotSignature.Verdict.VALID) {
      metrics.counter("onramp.webhook.rejected", "crm", "hubspot", "reason", verdict.name().toLowerCase()).increment();
      log.warn("HubSpot webhook refused: signature {}", verdict);
      return ResponseEntity.status(401).build();
    }
    JsonNode events = JSON.readTree(raw);
    for (JsonNode event : events.isArray() ? events : JSON.createArrayNode().add(events)) {
      long eventId = event.path("eventId").asLong();
      if (handled.contains(eventId)) {
        metrics.counter("onramp.webhook.duplicates", "crm", "hubspot").increment();
        continue;
      }
      if (isClosedWon(event)) {
        try {
          deals.draftHandoff(event.path("objectId").asText());
        } catch (RuntimeException e) {
          // not remembered as handled: HubSpot delivers again on a non-2xx answer
          log.warn("closed-won deal {} (event {}) not turned into a handoff yet: {}", event.path("objectId").asText(), eventId,
              e.getMessage());
          metrics.counter("onramp.webhook.failed", "crm", "hubspot").increment();
          return ResponseEntity.internalServerError().build();
        }
      }
      handled.add(eventId);
    }
    return ResponseEntity.ok().build();
  }

  private boolean isClosedWon(JsonNode event) {
    return "deal.propertyChange".equals(event.path("subscriptionType").asText())
        && "dealstage".equals(event.path("propertyName").asText())
        && properties.closedWonStages().contains(event.path("propertyValue").asText());
  }

  /** The URI HubSpot signed: the configured public URL (behind a gateway), else this request's own. */
  private String uri(HttpServletRequest request) {
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    if (properties.publicUrl() != null && !properties.publicUrl().isBlank()) {
      return properties.publicUrl() + query;
    }
    return request.getRequestURL().toString() + query;
  }
}

package io.onramp.connector.hubspot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.connector.handoff.ClosedWonEvents;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import io.onramp.connector.usage.UsageEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/hubspot}: verified (v3 signature over the public URI, 5-minute window; v1
 * only if configured), and a closed-won deal becomes a handoff draft once per event id, for every
 * replica and across restarts ({@link ClosedWonEvents}). A bad signature gets 401 and a metric,
 * nothing else. A failure while acting answers 500 so that HubSpot delivers again (an event id is
 * recorded only once it has been handled). A configured company property's change is product usage, passed on to
 * engine-service ({@link UsageProperties}).
 */
@RestController
class WebhookController {

  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSpotSignature signature;
  private final ClosedWonDeals deals;
  private final WebhookProperties properties;
  private final ClosedWonEvents closedWon;
  private final MeterRegistry metrics;
  private final UsageProperties usage;

  WebhookController(ClosedWonDeals deals, ClosedWonEvents events, WebhookProperties properties, MeterRegistry metrics,
                    UsageProperties usage) {
    this.usage = usage;
    this.signature = new HubSpotSignature(properties.clientSecret(), properties.acceptV1(), properties.maxAge(), Clock.systemUTC());
    this.deals = deals;
    this.closedWon = events;
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
    List<UsageEvent> used = new ArrayList<>();
    for (JsonNode event : events.isArray() ? events : JSON.createArrayNode().add(events)) {
      usage.of(event).ifPresent(used::add);
      String eventId = event.path("eventId").asText();
      if (isClosedWon(event)) {         // other events change nothing, so their redeliveries need no record
        try {
          closedWon.handleOnce("hubspot", eventId, () -> deals.draftHandoff(event.path("objectId").asText()));
        } catch (RuntimeException e) {
          // not remembered as handled: HubSpot delivers again on a non-2xx answer
          log.warn("closed-won deal {} (event {}) not turned into a handoff yet: {}", event.path("objectId").asText(), eventId,
              e.getMessage());
          metrics.counter("onramp.webhook.failed", "crm", "hubspot").increment();
          return ResponseEntity.internalServerError().build();
        }
      }
    }
    try {
      usage.send(used);                 // engine-service stores each event id once: a redelivery is harmless
    } catch (RuntimeException e) {
      log.warn("{} product-usage events not passed on yet: {}", used.size(), e.getMessage());
      metrics.counter("onramp.webhook.failed", "crm", "hubspot").increment();
      return ResponseEntity.internalServerError().build();
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

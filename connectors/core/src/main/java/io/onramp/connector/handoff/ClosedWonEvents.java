package io.onramp.connector.handoff;

import feign.FeignException;
import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.web.TextRule;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a connector turns a CRM's closed-won event into a handoff draft, once per event for all its
 * replicas and across restarts: the event id is looked up in handoff-service's record first (a
 * redelivery, wherever it lands, is skipped without reading the CRM again), the draft is made, and
 * only then is the event recorded — so an event whose draft failed is delivered again by the CRM
 * and tried again. Two replicas racing on one event both draft, and handoff-service keeps one
 * draft per deal. Failures reaching handoff-service propagate: the caller answers the CRM with an
 * error, and the CRM delivers again.
 */
public final class ClosedWonEvents {

  private static final Logger log = LoggerFactory.getLogger(ClosedWonEvents.class);

  private final HandoffApi handoffs;
  private final MeterRegistry metrics;

  ClosedWonEvents(HandoffApi handoffs, MeterRegistry metrics) {
    this.handoffs = handoffs;
    this.metrics = metrics;
  }

  /**
   * Handles event {@code eventId} of {@code crm} unless it was handled before; {@code draft} reads the
   * CRM and calls {@link #create} (or returns null when the deal is no longer won). Returns whether it ran.
   */
  public boolean handleOnce(String crm, String eventId, Supplier<String> draft) {
    if (handledBefore(crm, eventId)) {
      metrics.counter("onramp.webhook.duplicates", "crm", crm).increment();
      log.debug("{} event {} was handled before; skipped", crm, eventId);
      return false;
    }
    String handoffId = draft.get();
    handoffs.handled(crm, eventId, new HandledEvent.Draft(handoffId));
    return true;
  }

  /** Creates the draft (its CRM text held to the handoff API's text rule, docs/security.md); returns its id. */
  @SuppressWarnings("unchecked")
  public String create(Map<String, Object> handoff) {
    return String.valueOf(handoffs.create((Map<String, Object>) TextRule.sanitizeAll(handoff)).get("id"));
  }

  private boolean handledBefore(String crm, String eventId) {
    try {
      return handoffs.event(crm, eventId) != null;
    } catch (FeignException.NotFound notYet) {
      return false;
    }
  }
}

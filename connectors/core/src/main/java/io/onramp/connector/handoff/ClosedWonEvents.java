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
  private final HandoffProperties properties;
  private final MeterRegistry metrics;

  ClosedWonEvents(HandoffApi handoffs, HandoffProperties properties, MeterRegistry metrics) {
    this.handoffs = handoffs;
    this.properties = properties;
    this.metrics = metrics;
  }

  /**
   * A draft as created: its id, whether it is (still) a draft for the sales rep to fill in, and its page; and the
   * sales rep's CRM task that says so, the same in every CRM (engine-service completes it, by its key, when the
   * journey starts).
   */
  public record Draft(String id, boolean open, String link) {

    /** The task's idempotency key: {@code handoff-<id>}. */
    public String taskKey() {
      return "handoff-" + id;
    }

    public String taskSubject(String accountName) {
      return "Complete the handoff — " + accountName;
    }

    /** {@code record}: what the CRM calls the deal ("deal", "opportunity"). */
    public String taskBody(String record) {
      return "Customer Success needs the handoff before kickoff: goals and success criteria, stakeholders, requirements, "
          + "timeline. Open the draft (pre-filled from this " + record + "): " + link;
    }
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

  /**
   * Creates the draft for {@code owner} (the deal owner's Onramp username, or null when unknown), its CRM text
   * held to the handoff API's text rule (docs/security.md); a deal that already has a handoff gets that one.
   */
  @SuppressWarnings("unchecked")
  public Draft create(Map<String, Object> handoff, String owner) {
    Map<String, Object> created = handoffs.create((Map<String, Object>) TextRule.sanitizeAll(handoff), owner);
    String id = String.valueOf(created.get("id"));
    Object status = created.get("status");
    return new Draft(id, "DRAFT".equals(status) || "REVISION_REQUESTED".equals(status), properties.link(id));
  }

  private boolean handledBefore(String crm, String eventId) {
    try {
      return handoffs.event(crm, eventId) != null;
    } catch (FeignException.NotFound notYet) {
      return false;
    }
  }
}

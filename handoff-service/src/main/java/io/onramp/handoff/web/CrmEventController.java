package io.onramp.handoff.web;

import io.onramp.handoff.crmevent.CrmEvent;
import io.onramp.handoff.crmevent.CrmEvents;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/crm-events/{crm}/{eventId}}: which closed-won events the connectors have handled, for
 * their redelivery check (the CRM connectors' service accounts). {@code GET} answers the record or
 * 404; {@code PUT} records it (201 the first time, 200 with the first record after that).
 */
@RestController
@RequestMapping("/api/crm-events/{crm}/{eventId}")
class CrmEventController {

  /** @param handoffId the draft the event made; absent when it made none */
  record Handled(String handoffId) {
  }

  private final CrmEvents events;

  CrmEventController(CrmEvents events) {
    this.events = events;
  }

  @GetMapping
  ResponseEntity<?> get(@PathVariable("crm") String crm, @PathVariable("eventId") String eventId) {
    return events.find(crm, eventId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, crm + " event " + eventId + " has not been handled");
      problem.setTitle("CRM event not handled");
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    });
  }

  @PutMapping
  ResponseEntity<CrmEvent> handled(@PathVariable("crm") String crm, @PathVariable("eventId") String eventId,
                                   @RequestBody(required = false) Handled body) {
    boolean recorded = events.record(crm, eventId, body == null ? null : body.handoffId());
    CrmEvent event = events.find(crm, eventId).orElseThrow();
    return ResponseEntity.status(recorded ? HttpStatus.CREATED : HttpStatus.OK).body(event);
  }
}

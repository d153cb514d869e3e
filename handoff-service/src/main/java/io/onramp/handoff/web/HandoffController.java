package io.onramp.handoff.web;

import io.onramp.handoff.handoff.HandoffChange;
import io.onramp.handoff.handoff.HandoffContent;
import io.onramp.handoff.handoff.HandoffService;
import io.onramp.handoff.handoff.HandoffStatus;
import io.onramp.handoff.journey.CustomersLikeYou;
import io.onramp.handoff.journey.JourneyOutbox;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/handoffs")
@Validated
class HandoffController {

  private final HandoffService handoffs;
  private final JourneyOutbox journeys;
  private final CustomersLikeYou customersLikeYou;

  HandoffController(HandoffService handoffs, JourneyOutbox journeys, CustomersLikeYou customersLikeYou) {
    this.handoffs = handoffs;
    this.journeys = journeys;
    this.customersLikeYou = customersLikeYou;
  }

  /** 201 with the new handoff, or 200 with the existing one when the CRM deal already has a handoff. */
  @PostMapping
  ResponseEntity<HandoffView> create(@Valid @RequestBody HandoffContent content, Principal user) {
    HandoffService.Created result = handoffs.create(content, user.getName());
    HandoffView view = view(result.handoff());
    return (result.created() ? ResponseEntity.created(URI.create("/api/handoffs/" + view.id())) : ResponseEntity.ok())
        .eTag(ETags.of(view.version())).body(view);
  }

  @GetMapping("/{id}")
  ResponseEntity<HandoffView> get(@PathVariable("id") String id) {
    io.onramp.handoff.handoff.Handoff handoff = handoffs.get(id);
    HandoffView view = HandoffView.of(handoff, journeys.status(handoff.id()).orElse(null),
        customersLikeYou.expect(handoff.content()).orElse(null));
    return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
  }

  @GetMapping
  List<HandoffView> list(@RequestParam(name = "status", required = false) HandoffStatus status,
                         @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(500) int limit) {
    return handoffs.list(status, limit).stream().map(this::view).toList();
  }

  /** Replaces the content; {@code If-Match} with the current ETag is required (a stale one gets 412). */
  @PutMapping("/{id}")
  ResponseEntity<HandoffView> update(@PathVariable("id") String id,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody HandoffContent content, Principal user) {
    HandoffView view = view(handoffs.update(id, ETags.required(ifMatch), content, user.getName()));
    return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
  }

  @PostMapping("/{id}/submit")
  ResponseEntity<HandoffView> submit(@PathVariable("id") String id,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                     @Valid @RequestBody(required = false) SubmitRequest request, Principal user) {
    String overrideReason = request == null || request.override() == null ? null : request.override().reason();
    HandoffView view = view(handoffs.submit(id, ifMatch == null ? null : ETags.required(ifMatch), overrideReason, user.getName()));
    return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
  }

  @GetMapping("/{id}/history")
  List<HandoffChange> history(@PathVariable("id") String id) {
    return handoffs.history(id);
  }

  private HandoffView view(io.onramp.handoff.handoff.Handoff handoff) {
    return HandoffView.of(handoff, journeys.status(handoff.id()).orElse(null));
  }
}

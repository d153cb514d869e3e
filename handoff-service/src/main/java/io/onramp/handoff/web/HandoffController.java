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

/** The handoff API: bearer tokens at {@code /api/handoffs}, the handoff page's session at {@value #PAGE} (same rules). */
@RestController
@RequestMapping({"/api/handoffs", HandoffController.PAGE})
@Validated
class HandoffController {

  static final String PAGE = "/handoffs/api/handoffs";
  /** Who may name another owner on create: the connectors drafting from a closed-won deal for its owner, and admins. */
  private static final java.util.Set<String> OWNER_NAMERS = java.util.Set.of("ROLE_handoff-drafter", "ROLE_onramp-admin", "ROLE_API");

  private final HandoffService handoffs;
  private final JourneyOutbox journeys;
  private final CustomersLikeYou customersLikeYou;

  HandoffController(HandoffService handoffs, JourneyOutbox journeys, CustomersLikeYou customersLikeYou) {
    this.handoffs = handoffs;
    this.journeys = journeys;
    this.customersLikeYou = customersLikeYou;
  }

  /**
   * 201 with the new handoff, or 200 with the existing one when the CRM deal already has a handoff. The owner
   * is the caller, or {@code owner} when a drafting connector names the deal owner's Onramp user.
   */
  @PostMapping
  ResponseEntity<HandoffView> create(@Valid @RequestBody HandoffContent content,
                                     @RequestParam(name = "owner", required = false)
                                     @jakarta.validation.constraints.Pattern(regexp = "^[A-Za-z0-9._@-]{1,255}$",
                                         message = "must be an Onramp username") String owner,
                                     org.springframework.security.core.Authentication user) {
    if (owner != null && user.getAuthorities().stream().noneMatch(a -> OWNER_NAMERS.contains(a.getAuthority()))) {
      throw new OwnerNotYours();
    }
    HandoffService.Created result = handoffs.create(content, user.getName(), owner == null ? user.getName() : owner);
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

  /** Newest change first; {@code owner} keeps one sales rep's (the page's "my handoffs"). */
  @GetMapping
  List<HandoffView> list(@RequestParam(name = "status", required = false) HandoffStatus status,
                         @RequestParam(name = "owner", required = false) @jakarta.validation.constraints.Size(max = 255) String owner,
                         @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(500) int limit) {
    return handoffs.list(status, owner, limit).stream().map(this::view).toList();
  }

  /**
   * What the handoff would score, unsaved: the page's live meter. Validated as a save is (400 naming each
   * field), stores nothing; with what customers like this one took, when the insights know.
   */
  @PostMapping("/completeness")
  CompletenessPreview completeness(@Valid @RequestBody HandoffContent content) {
    return new CompletenessPreview(io.onramp.handoff.handoff.HandoffCompleteness.of(content),
        customersLikeYou.expect(content).orElse(null));
  }

  record CompletenessPreview(io.onramp.handoff.handoff.HandoffCompleteness.Result completeness,
                             java.util.Map<String, Object> customersLikeYou) {
  }

  /** 403: naming another owner is for the drafting connectors. */
  static class OwnerNotYours extends RuntimeException {
    OwnerNotYours() {
      super("owner: only a drafting connector (handoff-drafter) or an admin may create a handoff for someone else");
    }
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

package io.onramp.handoff.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.handoff.journey.JourneyOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Create, edit, submit and review handoffs; every change is versioned and audited in the same transaction. */
@Service
public class HandoffService {

  private static final Logger log = LoggerFactory.getLogger(HandoffService.class);

  private final HandoffRepository handoffs;
  private final JourneyOutbox outbox;
  private final ObjectMapper json;

  HandoffService(HandoffRepository handoffs, JourneyOutbox outbox, ObjectMapper json) {
    this.handoffs = handoffs;
    this.outbox = outbox;
    this.json = json;
  }

  public record Created(Handoff handoff, boolean created) {
  }

  /** Idempotent per CRM deal: a second create for the same HubSpot deal or Salesforce opportunity returns the first. */
  @Transactional
  public Created create(HandoffContent content, String actor) {
    return create(content, actor, actor);
  }

  /** As {@link #create(HandoffContent, String)}, owned by {@code owner} (a connector drafting for the deal's owner). */
  @Transactional
  public Created create(HandoffContent content, String actor, String owner) {
    Optional<Handoff> existing = existingForDeal(content);
    if (existing.isPresent()) {
      return new Created(existing.get(), false);
    }
    Instant now = Instant.now();
    Handoff handoff = new Handoff("H-" + UUID.randomUUID(), HandoffStatus.DRAFT, 1, owner, content,
        HandoffCompleteness.of(content).score(), null, null, now, now, null, null, null, 0);
    try {
      handoffs.insert(handoff);
    } catch (DuplicateKeyException raced) {        // a concurrent create for the same deal won
      return new Created(existingForDeal(content).orElseThrow(() -> raced), false);
    }
    handoffs.recordChange(handoff, "CREATED", actor, changedFields(null, content), null);
    return new Created(handoff, true);
  }

  @Transactional(readOnly = true)
  public Handoff get(String id) {
    return handoffs.find(id).orElseThrow(() -> new HandoffNotFound(id));
  }

  @Transactional(readOnly = true)
  public List<Handoff> list(HandoffStatus status, String owner, int limit) {
    return handoffs.list(status, owner, limit);
  }

  @Transactional(readOnly = true)
  public List<HandoffChange> history(String id) {
    get(id);
    return handoffs.changes(id);
  }

  @Transactional
  public Handoff update(String id, int expectedVersion, HandoffContent content, String actor) {
    Handoff current = lockAt(id, expectedVersion);
    if (!current.status().editable()) {
      throw new HandoffStateConflict("handoff " + id + " is " + current.status() + " and cannot be edited; "
          + "it can be edited as DRAFT or REVISION_REQUESTED");
    }
    existingForDeal(content).filter(other -> !other.id().equals(id)).ifPresent(other -> {
      throw new HandoffStateConflict("the CRM deal of this handoff already belongs to handoff " + other.id());
    });
    List<String> fields = changedFields(current.content(), content);
    if (fields.isEmpty()) {
      return current;
    }
    Handoff updated = new Handoff(id, current.status(), current.version() + 1, current.owner(), content,
        HandoffCompleteness.of(content).score(), current.revisionComments(), current.overrideReason(), current.createdAt(),
        Instant.now(), current.firstSubmittedAt(), current.submittedAt(), current.acceptedAt(), current.submissions());
    handoffs.update(updated);
    handoffs.recordChange(updated, "UPDATED", actor, fields, null);
    return updated;
  }

  /**
   * Submits for review and queues the journey message in the same transaction: the first submit
   * starts the journey ({@code HandoffSubmitted}), a re-submit after a revision request sends
   * {@code HandoffRevised}. Refused with the missing facts unless an override reason is given.
   */
  @Transactional
  public Handoff submit(String id, Integer expectedVersion, String overrideReason, String actor) {
    Handoff current = expectedVersion == null ? handoffs.lock(id).orElseThrow(() -> new HandoffNotFound(id))
        : lockAt(id, expectedVersion);
    if (!current.status().editable()) {
      throw new HandoffStateConflict("handoff " + id + " is " + current.status() + "; only a DRAFT or a handoff "
          + "with a revision request can be submitted");
    }
    HandoffCompleteness.Result completeness = HandoffCompleteness.of(current.content());
    boolean overridden = !completeness.complete() && overrideReason != null;
    if (!completeness.complete() && !overridden) {
      throw new HandoffIncomplete(id, completeness);
    }
    Instant now = Instant.now();
    int submission = current.submissions() + 1;
    Handoff submitted = new Handoff(id, HandoffStatus.SUBMITTED, current.version() + 1, current.owner(),
        current.content(), completeness.score(), current.revisionComments(), overridden ? overrideReason : null,
        current.createdAt(), now, current.firstSubmittedAt() == null ? now : current.firstSubmittedAt(), now, null, submission);
    handoffs.update(submitted);
    handoffs.recordChange(submitted, overridden ? "SUBMITTED_WITH_OVERRIDE" : "SUBMITTED", actor, List.of(),
        overridden ? "override: " + overrideReason + "; missing: " + completeness.missing() : null);
    outbox.enqueue(submitted, submission);
    log.info("handoff {} submitted ({}% complete{}), journey message queued", id, completeness.score(),
        overridden ? ", override" : "");
    return submitted;
  }

  /** The CS lead's decision, reported by the journey. Repeating it changes nothing. */
  @Transactional
  public Handoff recordReview(String id, boolean accepted, String comments, String reviewer) {
    Handoff current = handoffs.lock(id).orElseThrow(() -> new HandoffNotFound(id));
    HandoffStatus target = accepted ? HandoffStatus.ACCEPTED : HandoffStatus.REVISION_REQUESTED;
    if (current.status() == target || current.status() != HandoffStatus.SUBMITTED) {
      return current;
    }
    Instant now = Instant.now();
    Handoff reviewed = new Handoff(id, target, current.version() + 1, current.owner(), current.content(),
        current.completenessScore(), accepted ? current.revisionComments() : comments, current.overrideReason(),
        current.createdAt(), now, current.firstSubmittedAt(), current.submittedAt(), accepted ? now : null,
        current.submissions());
    handoffs.update(reviewed);
    handoffs.recordChange(reviewed, accepted ? "ACCEPTED" : "REVISION_REQUESTED", reviewer, List.of(), comments);
    return reviewed;
  }

  private Handoff lockAt(String id, int expectedVersion) {
    Handoff current = handoffs.lock(id).orElseThrow(() -> new HandoffNotFound(id));
    if (current.version() != expectedVersion) {
      throw new HandoffVersionConflict(id, expectedVersion, current.version());
    }
    return current;
  }

  private Optional<Handoff> existingForDeal(HandoffContent content) {
    String hubspot = content.crm().hubspotDealId();
    String salesforce = content.crm().salesforceOpportunityId();
    return hubspot == null && salesforce == null ? Optional.empty() : handoffs.findByDeal(hubspot, salesforce);
  }

  private List<String> changedFields(HandoffContent before, HandoffContent after) {
    JsonNode old = before == null ? json.createObjectNode() : json.valueToTree(before);
    JsonNode now = json.valueToTree(after);
    List<String> fields = new ArrayList<>();
    for (Iterator<String> names = now.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Objects.equals(old.get(name), now.get(name))) fields.add(name);
    }
    for (Iterator<String> names = old.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!now.has(name)) fields.add(name);
    }
    return fields;
  }
}

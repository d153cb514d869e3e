package io.onramp.handoff.handoff;

/** DRAFT → SUBMITTED → ACCEPTED, or REVISION_REQUESTED → (edited) → SUBMITTED → … */
public enum HandoffStatus {
  DRAFT, SUBMITTED, REVISION_REQUESTED, ACCEPTED;

  boolean editable() {
    return this == DRAFT || this == REVISION_REQUESTED;
  }
}

package io.onramp.handoff.handoff;

/** The change does not fit the handoff's state (editing a submitted handoff, a deal used by another handoff…). */
public class HandoffStateConflict extends RuntimeException {
  public HandoffStateConflict(String message) {
    super(message);
  }
}

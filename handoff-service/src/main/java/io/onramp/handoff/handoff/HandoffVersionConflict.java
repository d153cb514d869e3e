package io.onramp.handoff.handoff;

/** If-Match named a version that is no longer current: someone else changed the handoff first. */
public class HandoffVersionConflict extends RuntimeException {
  private final int current;

  public HandoffVersionConflict(String id, int expected, int current) {
    super("handoff " + id + " is at version " + current + ", not " + expected + ": reload it and apply your change again");
    this.current = current;
  }

  public int current() {
    return current;
  }
}

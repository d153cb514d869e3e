package io.onramp.handoff.handoff;

public class HandoffNotFound extends RuntimeException {
  public HandoffNotFound(String id) {
    super("no handoff with id '" + id + "'");
  }
}

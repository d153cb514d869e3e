package io.onramp.handoff.handoff;

import java.util.List;

/** Submit refused: facts the onboarding team needs are missing and no override was given. */
public class HandoffIncomplete extends RuntimeException {
  private final HandoffCompleteness.Result completeness;

  public HandoffIncomplete(String id, HandoffCompleteness.Result completeness) {
    super("handoff " + id + " is " + completeness.score() + "% complete; missing: "
        + completeness.missing().stream().map(HandoffCompleteness.Missing::message).toList()
        + ". Complete it, or submit with override.reason to hand it over anyway.");
    this.completeness = completeness;
  }

  public List<HandoffCompleteness.Missing> missing() {
    return completeness.missing();
  }
}

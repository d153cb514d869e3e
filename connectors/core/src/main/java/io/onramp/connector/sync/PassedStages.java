package io.onramp.connector.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the stages onboardings passed since their CRM last confirmed a version, oldest first, one
 * round per stage (a record may appear only once in a batch call), before the caller writes their
 * current state: the record's field history then shows every stage, milestones and stages coalesced
 * during an outage included. Extra calls happen only for items that have passed stages.
 */
public final class PassedStages {

  private PassedStages() {}

  /** Writes {@code stage.apply(item)} as each item's stage; one outcome per item. */
  @FunctionalInterface
  public interface Round {
    Map<Long, Outcome> write(List<SyncItem> items, Function<SyncItem, String> stage);
  }

  /**
   * Writes the passed stages of {@code items} round by round. Returns the items whose passed stages
   * are all written, ready for their current state; puts the outcome of each item that stopped on
   * the way into {@code stopped} (with how far it got).
   */
  public static List<SyncItem> write(List<SyncItem> items, Round round, Map<Long, Outcome> stopped) {
    List<SyncItem> going = new ArrayList<>(items);
    for (int index = 0; ; index++) {
      int k = index;
      List<SyncItem> due = going.stream().filter(item -> item.passedStages().size() > k).toList();
      if (due.isEmpty()) {
        return going;
      }
      Map<Long, Outcome> results = round.write(due, item -> item.passedStages().get(k).stage());
      for (SyncItem item : due) {
        Outcome result = results.getOrDefault(item.id(), new Outcome.Retry(null, "no answer for passed stage "
            + item.passedStages().get(k).stage()));
        if (!(result instanceof Outcome.Done)) {
          stopped.put(item.id(), after(item, k, result));
          going.remove(item);
        }
      }
    }
  }

  /** The outcome of the current state's write for an item whose passed stages were all written. */
  public static Outcome afterAll(SyncItem item, Outcome current) {
    return after(item, item.passedStages().size(), current);
  }

  private static Outcome after(SyncItem item, int written, Outcome result) {
    return written == 0 || result instanceof Outcome.Done ? result
        : new Outcome.Partial(item.passedStages().get(written - 1).version(), result);
  }
}

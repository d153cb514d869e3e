package io.onramp.connector.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One bad record must cost the others in its batch nothing. A vendor that refuses a whole batch for
 * the data in it (HubSpot's 400 VALIDATION_ERROR, an import rejected whole) either names the bad
 * records — they fail with the vendor's message and the rest go again at once — or names none, and
 * then the batch is split in halves until the refusal is cornered: a bad record among n costs
 * O(log n) calls, not the batch. Records that would share a batch with another write to the same CRM
 * record (two onboardings on one deal) go in separate batches, since vendors refuse duplicate ids.
 */
public final class BatchIsolation {

  private BatchIsolation() {}

  /** The vendor refused the whole batch for its data; {@code named}: the CRM record ids it named (may be empty). */
  public record Refused(Set<String> named) {
  }

  /**
   * Batches of at most {@code max}, in order, none holding two items for the same CRM record: a repeated
   * record id goes to the next batch that does not hold it yet.
   */
  public static <T> List<List<T>> batches(List<T> items, int max, Function<T, String> recordId) {
    List<List<T>> batches = new ArrayList<>();
    List<Set<String>> ids = new ArrayList<>();
    for (T item : items) {
      String id = recordId.apply(item);
      int into = 0;
      while (into < batches.size() && (batches.get(into).size() >= max || ids.get(into).contains(id))) {
        into++;
      }
      if (into == batches.size()) {
        batches.add(new ArrayList<>());
        ids.add(new HashSet<>());
      }
      batches.get(into).add(item);
      ids.get(into).add(id);
    }
    return batches;
  }

  /**
   * Writes {@code batch} with {@code write}; when it throws, {@code refusal} says whether the vendor refused
   * the batch's data (null: it did not, and {@code otherwise} gives every item its outcome, e.g. a retry).
   */
  public static <T> Map<Long, Outcome> write(List<T> batch, Function<T, Long> itemId, Function<T, String> recordId,
                                             Function<List<T>, Map<Long, Outcome>> write,
                                             Function<RuntimeException, Refused> refusal,
                                             BiFunction<List<T>, RuntimeException, Map<Long, Outcome>> otherwise) {
    return new Isolation<>(itemId, recordId, write, refusal, otherwise).write(batch).outcomes();
  }

  private record Isolation<T>(Function<T, Long> itemId, Function<T, String> recordId, Function<List<T>, Map<Long, Outcome>> writer,
                              Function<RuntimeException, Refused> refusal,
                              BiFunction<List<T>, RuntimeException, Map<Long, Outcome>> otherwise) {

    /** @param accepted whether the vendor took the batch whole (its answer may still fail single items) */
    record Result(Map<Long, Outcome> outcomes, boolean accepted) {
    }

    Result write(List<T> batch) {
      if (batch.isEmpty()) {
        return new Result(Map.of(), true);
      }
      try {
        return new Result(writer.apply(batch), true);
      } catch (RuntimeException e) {
        Refused refused = refusal.apply(e);
        return refused == null ? new Result(otherwise.apply(batch, e), false) : isolate(batch, refused, e.getMessage());
      }
    }

    /** {@code batch} was refused whole with {@code message}: fail what the vendor named, or corner the bad records. */
    Result isolate(List<T> batch, Refused refused, String message) {
      Map<Long, Outcome> outcomes = new LinkedHashMap<>();
      if (batch.size() == 1) {
        outcomes.put(itemId.apply(batch.get(0)), new Outcome.Failed(message));
        return new Result(outcomes, false);
      }
      List<T> named = batch.stream().filter(item -> refused.named().contains(recordId.apply(item))).toList();
      if (!named.isEmpty()) {
        named.forEach(item -> outcomes.put(itemId.apply(item), new Outcome.Failed(message)));
        outcomes.putAll(write(batch.stream().filter(item -> !refused.named().contains(recordId.apply(item))).toList()).outcomes());
        return new Result(outcomes, false);
      }
      List<T> left = batch.subList(0, batch.size() / 2);
      List<T> right = batch.subList(batch.size() / 2, batch.size());
      Result first = write(left);
      outcomes.putAll(first.outcomes());
      // the left half was taken whole, so the bad record is on the right: no need to try the right whole first
      outcomes.putAll(first.accepted() ? isolate(right, new Refused(Set.of()), message).outcomes() : write(right).outcomes());
      return new Result(outcomes, false);
    }
  }

  /** {@code write} for each of {@link #batches}, the outcomes of all. */
  public static <T> Map<Long, Outcome> writeAll(List<T> items, int max, Function<T, Long> itemId, Function<T, String> recordId,
                                                Function<List<T>, Map<Long, Outcome>> write,
                                                Function<RuntimeException, Refused> refusal,
                                                BiFunction<List<T>, RuntimeException, Map<Long, Outcome>> otherwise) {
    Map<Long, Outcome> outcomes = new HashMap<>();
    for (List<T> batch : batches(items, max, recordId)) {
      outcomes.putAll(write(batch, itemId, recordId, write, refusal, otherwise));
    }
    return outcomes;
  }
}

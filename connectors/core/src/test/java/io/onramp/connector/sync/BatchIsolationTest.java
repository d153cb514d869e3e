package io.onramp.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A vendor refusing whole batches, played by a lambda: what each item ends as, and how many calls it cost. */
class BatchIsolationTest {

  record Item(long id, String record) {
  }

  static class RefusedBatch extends RuntimeException {
    RefusedBatch(String message) {
      super(message);
    }
  }

  final List<List<Item>> calls = new ArrayList<>();

  @Test
  void shouldCostOneCallPerHalvingForAnUnnamedBadRecordAndFailOnlyIt() {
    Map<Long, Outcome> outcomes = write(items(100), Set.of("r-61"), false);

    assertThat(outcomes).hasSize(100);
    assertThat(outcomes.get(61L)).isInstanceOf(Outcome.Failed.class);
    assertThat(outcomes.values().stream().filter(Outcome.Done.class::isInstance)).hasSize(99);
    assertThat(calls.size()).as("calls").isLessThanOrEqualTo(1 + 2 * 7);
  }

  @Test
  void shouldFailEachOfSeveralBadRecordsAndNoGoodOne() {
    Map<Long, Outcome> outcomes = write(items(100), Set.of("r-3", "r-4", "r-77"), false);

    assertThat(outcomes.entrySet().stream().filter(e -> e.getValue() instanceof Outcome.Failed).map(Map.Entry::getKey))
        .containsExactlyInAnyOrder(3L, 4L, 77L);
  }

  @Test
  void shouldNeverFailAGoodRecordWhenAHalfMeetsAnErrorThatIsNoRefusal() {
    List<Item> items = items(8);
    Map<Long, Outcome> outcomes = BatchIsolation.write(items, Item::id, Item::record, batch -> {
      calls.add(batch);
      if (batch.size() == 8) {
        throw new RefusedBatch("refused whole");                 // the vendor refuses the batch, then the left half hits a limit
      }
      if (batch.contains(items.get(0))) {
        throw new IllegalStateException("429: wait");
      }
      return done(batch);
    }, e -> e instanceof RefusedBatch ? new BatchIsolation.Refused(Set.of()) : null, BatchIsolationTest::retryAll);

    assertThat(outcomes.values()).noneMatch(Outcome.Failed.class::isInstance);
    assertThat(outcomes.values().stream().filter(Outcome.Retry.class::isInstance)).hasSize(4);
  }

  @Test
  void shouldFailWhatTheVendorNamesAndWriteTheRestInOneMoreCall() {
    Map<Long, Outcome> outcomes = write(items(100), Set.of("r-42"), true);

    assertThat(outcomes.get(42L)).isInstanceOf(Outcome.Failed.class);
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1)).hasSize(99);
  }

  @Test
  void shouldKeepTwoItemsForOneRecordOutOfOneBatch() {
    List<Item> items = List.of(new Item(1, "deal-1"), new Item(2, "deal-2"), new Item(3, "deal-1"), new Item(4, "deal-1"));

    assertThat(BatchIsolation.batches(items, 100, Item::record)).extracting(b -> b.stream().map(Item::id).toList())
        .containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L));
    assertThat(BatchIsolation.batches(items(5), 2, Item::record)).hasSize(3);
  }

  private Map<Long, Outcome> write(List<Item> items, Set<String> bad, boolean named) {
    return BatchIsolation.write(items, Item::id, Item::record, batch -> {
      calls.add(batch);
      List<String> present = batch.stream().map(Item::record).filter(bad::contains).toList();
      if (!present.isEmpty()) {
        throw new RefusedBatch("VALIDATION_ERROR: " + present);
      }
      return done(batch);
    }, e -> e instanceof RefusedBatch ? new BatchIsolation.Refused(named ? bad : Set.of()) : null, BatchIsolationTest::retryAll);
  }

  private static Map<Long, Outcome> done(List<Item> batch) {
    Map<Long, Outcome> outcomes = new HashMap<>();
    batch.forEach(item -> outcomes.put(item.id(), Outcome.done()));
    return outcomes;
  }

  private static Map<Long, Outcome> retryAll(List<Item> batch, RuntimeException e) {
    Map<Long, Outcome> outcomes = new HashMap<>();
    batch.forEach(item -> outcomes.put(item.id(), new Outcome.Retry(null, e.getMessage())));
    return outcomes;
  }

  private static List<Item> items(int n) {
    return LongStream.rangeClosed(1, n).mapToObj(i -> new Item(i, "r-" + i)).toList();
  }
}

package io.onramp.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Budget-aware batching: while the vendor's window is mostly unused a round writes what it claimed at once; as the
 * window fills, a round that is not full waits until its oldest change is the linger old and takes what changed
 * meanwhile into the same batch.
 */
class SyncLoopLingerTest {

  static final Duration LINGER = Duration.ofMillis(400);

  final Deque<List<SyncItem>> due = new ConcurrentLinkedDeque<>();
  final List<Integer> claimedAtMost = new CopyOnWriteArrayList<>();
  final List<List<Long>> written = new CopyOnWriteArrayList<>();
  final List<Instant> writtenAt = new CopyOnWriteArrayList<>();
  final List<SyncAck> acks = new CopyOnWriteArrayList<>();
  volatile double windowUsed;

  final SyncApi engine = new SyncApi() {
    @Override
    public List<SyncItem> claim(String crm, ClaimRequest request) {
      claimedAtMost.add(request.maxItems());
      List<SyncItem> batch = due.poll();
      return batch == null ? List.of() : batch;
    }

    @Override
    public List<SyncAck.Result> acknowledge(String crm, SyncAck ack) {
      acks.add(ack);
      return List.of();
    }
  };

  final CrmWriter crm = new CrmWriter() {
    @Override
    public String crm() {
      return "hubspot";
    }

    @Override
    public Map<Long, Outcome> write(List<SyncItem> items) {
      writtenAt.add(Instant.now());
      written.add(items.stream().map(SyncItem::id).toList());
      Map<Long, Outcome> outcomes = new HashMap<>();
      items.forEach(item -> outcomes.put(item.id(), new Outcome.Done()));
      return outcomes;
    }
  };

  SyncLoop loop(Duration maxLinger) {
    return new SyncLoop(engine, crm, new ConnectorProperties("http://engine", null, null, "worker-1", 100, Duration.ofMinutes(2),
        Duration.ofSeconds(20), false, maxLinger), new SyncMetrics(new SimpleMeterRegistry(), "hubspot"),
        Linger.by(() -> windowUsed, maxLinger));
  }

  @Test
  void shouldWriteAtOnceWhileTheWindowIsMostlyUnused() {
    windowUsed = 0.1;
    List<SyncItem> first = batch(101, 2);
    due.add(first);
    due.add(batch(201, 3));

    loop(LINGER).runOnce(Duration.ZERO);

    assertThat(written).as("the round writes what it claimed, the rest is the next round's").containsExactly(List.of(101L, 102L));
    assertThat(claimedAtMost).containsExactly(100);
    assertThat(Duration.between(first.getFirst().changedAt(), writtenAt.getFirst())).isLessThan(LINGER);
  }

  @Test
  void shouldLingerToFillTheBatchWhenTheWindowIsFilling() {
    windowUsed = 0.9;
    List<SyncItem> first = batch(101, 2);
    due.add(first);
    due.add(batch(201, 3));                     // changed while the first two wait

    loop(LINGER).runOnce(Duration.ZERO);

    assertThat(written).as("one batch carries both claims").containsExactly(List.of(101L, 102L, 201L, 202L, 203L));
    assertThat(claimedAtMost).as("the top-up asks for the rest of the batch").containsExactly(100, 98);
    assertThat(Duration.between(first.getFirst().changedAt(), writtenAt.getFirst())).as("written once the oldest is the linger old")
        .isGreaterThanOrEqualTo(LINGER);
    assertThat(acks).singleElement().satisfies(ack -> assertThat(ack.items()).hasSize(5)
        .allMatch(item -> item.outcome() == SyncAck.Answer.DONE));
  }

  @Test
  void shouldNotWaitForChangesThatAreAlreadyTheLingerOld() {
    windowUsed = 1.0;
    due.add(batch(101, 2, Instant.now().minus(LINGER.multipliedBy(2))));   // waited in the engine already
    due.add(batch(201, 1));

    Instant begin = Instant.now();
    loop(LINGER).runOnce(Duration.ZERO);

    assertThat(written).as("still topped up with what is due").containsExactly(List.of(101L, 102L, 201L));
    assertThat(Duration.between(begin, writtenAt.getFirst())).isLessThan(LINGER);
  }

  @Test
  void shouldStopLingeringAndHandTheBatchBackWhenTheConnectorStops() throws Exception {
    windowUsed = 1.0;
    due.add(batch(101, 2));
    SyncLoop loop = loop(Duration.ofMinutes(10));

    CompletableFuture<Integer> round = CompletableFuture.supplyAsync(() -> loop.runPipelined(Duration.ZERO));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (claimedAtMost.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    loop.stop();

    assertThat(round.get(10, TimeUnit.SECONDS)).as("the round ends at once, not after ten minutes").isEqualTo(2);
    assertThat(written).isEmpty();
    assertThat(acks).as("handed back for another replica at once").singleElement()
        .satisfies(ack -> assertThat(ack.items()).hasSize(2).allMatch(item -> item.outcome() == SyncAck.Answer.RELEASE));
  }

  private static List<SyncItem> batch(long first, int size) {
    return batch(first, size, Instant.now());
  }

  private static List<SyncItem> batch(long first, int size, Instant changedAt) {
    List<SyncItem> items = new ArrayList<>();
    for (long id = first; id < first + size; id++) {
      items.add(new SyncItem(id, SyncItem.Kind.ONBOARDING, "pi-" + id, 2, 0, changedAt, Instant.now().plusSeconds(120),
          "lease-" + first, null, null, null));
    }
    return items;
  }
}

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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The background rounds overlap: a batch is written to the CRM while the previous batch's acknowledgement and the
 * next batch's claim are with the engine. Proven with latches, not with timings: the engine below holds the first
 * acknowledgement until the second batch is being written, which a loop that waits for each acknowledgement never does.
 */
class SyncLoopPipelineTest {

  final Deque<List<SyncItem>> batches = new ConcurrentLinkedDeque<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  final CountDownLatch secondWriteStarted = new CountDownLatch(1);
  final List<SyncAck> acks = new CopyOnWriteArrayList<>();
  volatile boolean firstAckHeldUntilTheSecondWrite;

  final SyncApi engine = new SyncApi() {
    @Override
    public List<SyncItem> claim(String crm, ClaimRequest request) {
      List<SyncItem> batch = batches.poll();
      events.add("claim " + (batch == null ? "nothing" : batch.get(0).id()) + (request.reclaim() ? " (reclaim)" : ""));
      return batch == null ? List.of() : batch;
    }

    @Override
    public List<SyncAck.Result> acknowledge(String crm, SyncAck ack) {
      if (acks.isEmpty()) {
        try {
          firstAckHeldUntilTheSecondWrite = secondWriteStarted.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      acks.add(ack);
      events.add("ack " + ack.items().get(0).id());
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
      events.add("write " + items.get(0).id());
      if (items.get(0).id() == 201) {
        secondWriteStarted.countDown();
      }
      Map<Long, Outcome> outcomes = new HashMap<>();
      items.forEach(item -> outcomes.put(item.id(), new Outcome.Done()));
      return outcomes;
    }
  };

  final SyncLoop loop = new SyncLoop(engine, crm, new ConnectorProperties("http://engine", null, null, "worker-1", 100,
      Duration.ofMinutes(2), Duration.ofSeconds(20), false, Duration.ZERO), new SyncMetrics(new SimpleMeterRegistry(), "hubspot"));

  @Test
  void shouldWriteTheNextBatchWhileThePreviousAcknowledgementIsWithTheEngineAndAnswerEveryBatchInOrder() {
    batches.add(batch(101, 3));
    batches.add(batch(201, 3));
    batches.add(batch(301, 2));

    int drained = 0;
    for (int n; (n = loop.runPipelined(Duration.ZERO)) > 0; ) {
      drained += n;
    }
    loop.settle();

    assertThat(drained).isEqualTo(8);
    assertThat(firstAckHeldUntilTheSecondWrite).as("the second batch was written while the first acknowledgement was out").isTrue();
    assertThat(acks).extracting(ack -> ack.items().get(0).id()).as("acknowledged in the order written").containsExactly(101L, 201L, 301L);
    assertThat(acks).allSatisfy(ack -> assertThat(ack.items()).allMatch(item -> item.outcome() == SyncAck.Answer.DONE));
    assertThat(events).filteredOn(e -> e.startsWith("claim")).first().isEqualTo("claim 101 (reclaim)");
    assertThat(events).filteredOn(e -> e.contains("(reclaim)")).as("leases asked back only with nothing in hand").hasSize(1);
  }

  @Test
  void shouldReleaseABatchClaimedAheadWhenTheRoundsStop() {
    batches.add(batch(101, 2));
    batches.add(batch(201, 2));
    secondWriteStarted.countDown();

    loop.runPipelined(Duration.ZERO);                      // writes 101, claims 201 ahead
    loop.settle();

    assertThat(acks).hasSize(2);
    assertThat(acks.get(1).items()).extracting(SyncAck.Item::id).containsExactly(201L, 202L);
    assertThat(acks.get(1).items()).allMatch(item -> item.outcome() == SyncAck.Answer.RELEASE);
  }

  private static List<SyncItem> batch(long first, int size) {
    List<SyncItem> items = new ArrayList<>();
    for (long id = first; id < first + size; id++) {
      items.add(new SyncItem(id, SyncItem.Kind.ONBOARDING, "pi-" + id, 2, 0, Instant.now(), Instant.now().plusSeconds(120),
          "lease-" + first, null, null, null));
    }
    return items;
  }
}

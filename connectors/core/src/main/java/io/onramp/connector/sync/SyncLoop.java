package io.onramp.connector.sync;

import io.onramp.web.BackgroundPoller;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The connector's heartbeat: claim a batch (long polling), let the CRM writer push it in vendor
 * batches, acknowledge the whole batch in one call. Running in the background the rounds overlap
 * ({@link #runPipelined}): while one batch is written to the CRM, the previous batch's acknowledgement
 * and the next batch's claim travel to the engine, so neither the vendor's budget nor the engine waits for
 * the other. One onboarding's versions are never reordered: a claimed row stays leased to this worker until
 * its acknowledgement has landed, so no later claim can hand it out again meanwhile. On shutdown the batch
 * in hand is finished and acknowledged; claimed items that were not attempted are released at once, not
 * left to expire.
 */
public class SyncLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

  private final SyncApi api;
  private final CrmWriter writer;
  private final ConnectorProperties properties;
  private final SyncMetrics metrics;
  private final String workerId;
  private final BackgroundPoller poller;
  private final ExecutorService engineCalls;
  private final Linger linger;
  private final Object wake = new Object();
  private volatile boolean stopping;
  /** The acknowledgements sent so far, one after the other, in the order of their rounds. */
  private CompletableFuture<Void> acknowledging = CompletableFuture.completedFuture(null);
  /** The next batch, claimed while this one is written; null when none was asked for. */
  private CompletableFuture<List<SyncItem>> next;
  /** The last answer may have been lost (start, or a failed call): the next claim asks back our own leases. */
  private volatile boolean lost = true;

  public SyncLoop(SyncApi api, CrmWriter writer, ConnectorProperties properties, SyncMetrics metrics) {
    this(api, writer, properties, metrics, Linger.NONE);
  }

  /** {@code linger}: how long a round that is not full waits for more work (see {@link Linger}). */
  public SyncLoop(SyncApi api, CrmWriter writer, ConnectorProperties properties, SyncMetrics metrics, Linger linger) {
    this.api = api;
    this.linger = linger;
    this.writer = writer;
    this.properties = properties;
    this.metrics = metrics;
    // unique per process, kept across a container's restart in its pod (same host name, pid 1): two processes on one
    // host must never share an id, or one would reclaim the other's leases as its own
    this.workerId = properties.workerId() != null ? properties.workerId()
        : writer.crm() + "@" + host() + "#" + ProcessHandle.current().pid();
    this.poller = new BackgroundPoller(writer.crm() + "-sync", () -> runPipelined(properties.longPoll()));
    this.engineCalls = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name(writer.crm() + "-engine-", 0).factory());
  }

  /**
   * One claim → write → acknowledge round, acknowledged before it returns (an acknowledgement that does not land
   * is thrown); returns how many items it handled.
   */
  public int runOnce(Duration wait) {
    int handled = round(wait, false);
    acknowledging.join();
    return handled;
  }

  /**
   * One round of the background loop: the batch claimed ahead (or, when there is none, a claim waiting up to
   * {@code wait}), the next batch claimed while this one is written, and this batch's acknowledgement sent after the
   * previous ones without waiting for it. Returns how many items it handled; 0 when nothing was due.
   * {@link #settle} waits for what is still in flight.
   */
  public int runPipelined(Duration wait) {
    return round(wait, true);
  }

  private int round(Duration wait, boolean claimAhead) {
    List<SyncItem> claimed = claimed(wait);
    if (claimed.isEmpty()) {
      return 0;
    }
    List<SyncItem> items = fill(claimed);
    metrics.claimed(items.size());
    if (stopping) {                     // claimed while shutting down: hand them back untried
      acknowledge(items, Map.of());
      return items.size();
    }
    if (claimAhead) {
      next = CompletableFuture.supplyAsync(() -> claim(Duration.ZERO, false), engineCalls);
    }
    long begin = System.nanoTime();
    Map<Long, Outcome> outcomes;
    try {
      outcomes = writer.write(items);
    } catch (RuntimeException e) {
      log.warn("{} batch of {} not written: {}", writer.crm(), items.size(), e.getMessage());
      outcomes = new HashMap<>();
      for (SyncItem item : items) {
        outcomes.put(item.id(), new Outcome.Retry(null, e.getMessage()));
      }
    }
    Map<Long, Outcome> written = outcomes;
    acknowledging = acknowledging.handle((ok, reported) -> null)        // an earlier failure was its own round's
        .thenRunAsync(() -> acknowledge(items, written), engineCalls).whenComplete((ok, failed) -> {
          if (failed != null) {
            lost = true;                // the answer may not have landed: the next plain claim asks our leases back
            log.warn("{}: acknowledgement of {} items not delivered ({}); they come back when their lease ends", writer.crm(),
                items.size(), failed.getMessage());
          }
        });
    Map<String, Long> counts = outcomes.values().stream().collect(java.util.stream.Collectors.groupingBy(
        o -> o.getClass().getSimpleName().toLowerCase(), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    log.info("{}: {} items written in {} ms: {}", writer.crm(), items.size(), (System.nanoTime() - begin) / 1_000_000, counts);
    return items.size();
  }

  /** The batch claimed ahead, or, when there is none, a claim waiting up to {@code wait}. */
  private List<SyncItem> claimed(Duration wait) {
    if (next != null) {
      CompletableFuture<List<SyncItem>> ahead = next;
      next = null;
      return join(ahead);
    }
    awaitAcknowledged();              // nothing in hand or in flight: a lost answer may be asked back safely
    boolean reclaim = lost;
    lost = true;                      // until this claim has gone through
    List<SyncItem> items = claim(wait, reclaim);
    lost = false;
    return items;
  }

  private List<SyncItem> claim(Duration wait, boolean reclaim) {
    return claim(properties.batchSize(), wait, reclaim);
  }

  private List<SyncItem> claim(int max, Duration wait, boolean reclaim) {
    return api.claim(writer.crm(), new ClaimRequest(workerId, max, properties.lease().toSeconds(), wait.toSeconds(), reclaim));
  }

  /**
   * A batch that is not full, while the vendor's window is filling: waits until its oldest change is the linger old,
   * then tops it up with what changed meanwhile, so one round carries it all in the same calls. The items in hand stay
   * leased; a version claimed with the top-up is a different row (one row per subject), so nothing is reordered.
   */
  private List<SyncItem> fill(List<SyncItem> items) {
    if (items.size() >= properties.batchSize() || stopping) {
      return items;
    }
    Duration wait = linger.now();
    if (wait.isZero()) {
      return items;
    }
    Instant oldest = items.stream().map(SyncItem::changedAt).filter(Objects::nonNull)
        .min(Comparator.naturalOrder()).orElse(Instant.now());
    long until = System.nanoTime() + Math.max(0, Math.min(wait.toNanos(), Duration.between(Instant.now(), oldest.plus(wait)).toNanos()));
    synchronized (wake) {
      for (long left; !stopping && (left = until - System.nanoTime()) > 0; ) {
        try {
          TimeUnit.NANOSECONDS.timedWait(wake, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return items;
        }
      }
    }
    if (stopping) {
      return items;
    }
    List<SyncItem> more;
    try {
      more = claim(properties.batchSize() - items.size(), Duration.ZERO, false);
    } catch (RuntimeException e) {
      log.warn("{}: could not top up a batch of {} ({}); writing it as it is", writer.crm(), items.size(), e.getMessage());
      return items;
    }
    if (more.isEmpty()) {
      return items;
    }
    Set<Long> inHand = new HashSet<>();
    items.forEach(item -> inHand.add(item.id()));
    List<SyncItem> all = new ArrayList<>(items);
    more.stream().filter(item -> inHand.add(item.id())).forEach(all::add);     // a row in hand once, whatever the answer
    return all;
  }

  /** Waits until every acknowledgement sent has landed (or failed); a batch claimed ahead is released untried. */
  public void settle() {
    CompletableFuture<List<SyncItem>> claimed = next;
    next = null;
    if (claimed != null) {
      try {
        List<SyncItem> ahead = join(claimed);
        if (!ahead.isEmpty()) {
          awaitAcknowledged();
          acknowledge(ahead, Map.of());
        }
      } catch (RuntimeException e) {
        log.warn("{}: the batch claimed ahead could not be released ({}); it comes back when its lease ends", writer.crm(),
            e.getMessage());
      }
    }
    awaitAcknowledged();
  }

  private void awaitAcknowledged() {
    acknowledging.handle((ok, reported) -> null).join();      // a failure was logged, and `lost` set, by its round
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void acknowledge(List<SyncItem> items, Map<Long, Outcome> outcomes) {
    List<SyncAck.Item> acks = new ArrayList<>(items.size());
    for (SyncItem item : items) {
      Outcome outcome = outcomes.getOrDefault(item.id(), new Outcome.Released());
      Long writtenThrough = null;
      if (outcome instanceof Outcome.Partial partial) {
        writtenThrough = partial.writtenThrough();
        outcome = partial.then();
      }
      acks.add(switch (outcome) {
        case Outcome.Done done -> ack(item, SyncAck.Answer.DONE, null, null, writtenThrough);
        case Outcome.Retry retry -> ack(item, SyncAck.Answer.RETRY, retry.at(), truncate(retry.message()), writtenThrough);
        case Outcome.Failed failed -> ack(item, SyncAck.Answer.FAILED, null, truncate(failed.message()), writtenThrough);
        case Outcome.Released released -> ack(item, SyncAck.Answer.RELEASE, null, null, writtenThrough);
        case Outcome.Partial nested -> throw new IllegalStateException("a partial outcome inside a partial one: " + nested);
      });
      metrics.item(outcome, item.changedAt());
    }
    try {
      api.acknowledge(writer.crm(), new SyncAck(acks));
    } catch (feign.FeignException.Conflict movedOn) {
      // our lease on some items ran out and another replica holds them now: those answers changed nothing, the rest applied
      log.warn("{}: {} of {} answers came after the lease moved on and changed nothing: {}", writer.crm(),
          movedOn.contentUTF8().split("\"STALE\"", -1).length - 1, acks.size(), movedOn.contentUTF8());
    }
  }

  private static SyncAck.Item ack(SyncItem item, SyncAck.Answer answer, Instant retryAt, String message, Long writtenThrough) {
    return new SyncAck.Item(item.id(), item.lease(), item.version(), answer, retryAt, message, writtenThrough);
  }

  @Override
  public void start() {
    if (properties.enabled()) {
      log.info("{}: claiming from {} as worker {}, {} items a batch", writer.crm(), properties.engineUrl(), workerId,
          properties.batchSize());
      poller.start();
    }
  }

  /** Finishes and acknowledges the batch in hand (up to the lease); items claimed meanwhile are released. */
  @Override
  public void stop() {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    poller.stop(properties.lease(), false);
    settle();
    engineCalls.shutdown();
  }

  @Override
  public boolean isRunning() {
    return poller.isRunning();
  }

  /** A vendor's message as the sync API takes it: within its length and the text rule (docs/security.md). */
  private static String truncate(String message) {
    String clean = io.onramp.web.TextRule.sanitize(message);
    return clean == null || clean.length() <= 3900 ? clean : clean.substring(0, 3900) + "…";
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown-host";
    }
  }
}

package io.onramp.stack;

import io.onramp.testing.BenchSummary;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stage-change freshness over the whole platform: how long from a journey's transition in the
 * engine (a CSM completing a step through the gateway; the time is when the engine recorded the transition, its timeline's
 * {@code recordedAt})
 * until HubSpot (the sandbox's deal history) shows the new stage, at a steady load of 20
 * transitions/s over many onboardings. The load generator only completes tasks (their ids read once per
 * step for all journeys), so the two cores go to the platform. Also prints the platform's start-up time and the memory of each
 * process. Figures are printed, not asserted.
 *
 * <p>{@code ./onramp bench -pl stack -Dbench.journeys=40 -Dbench.rate=20} (rate: stage transitions per second)
 */
@Tag("benchmark")
class StageFreshnessBenchmark {

  private static final int JOURNEYS = Integer.getInteger("bench.journeys", 40);
  /**
   * Stage transitions per second. The 7 steps make 6 transitions (SETUP, TRAINING, GO_LIVE, FIRST_VALUE and
   * ADOPTION — the last two from one step — and STEADY_STATE; admin training changes none), so steps are paced at 7/6 of it.
   */
  private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "20"));
  private static final double STEPS_PER_TRANSITION = 7.0 / 6.0;

  private record Seeded(String handoffId, String dealId, String processInstanceId) {
  }

  /** "step:processInstanceId" → task id, read for a whole wave of a step in one query (the generator's own calls kept few). */
  private final Map<String, String> taskIds = new java.util.concurrent.ConcurrentHashMap<>();
  /** How long each completion took through the gateway, in ms: the engine's transition time is taken inside it. */
  private final List<Long> completionMillis = Collections.synchronizedList(new ArrayList<>());

  @Test
  void printStageFreshnessAtASteadyLoad() throws Exception {
    LocalStack stack = SystemStack.get();
    try {
      run(stack);
    } catch (Exception | AssertionError e) {
      stack.dumpThreads();              // beside the logs, for the post-mortem
      throw e;
    }
  }

  private void run(LocalStack stack) throws Exception {
    Platform platform = stack.platform();
    System.out.printf("%nstart-up: every part ready in %.1f s (parts in parallel; Keycloak and the engine first)%n", stack.readySeconds());
    long total = 0;
    for (Map.Entry<String, Long> part : stack.memory().entrySet()) {
      System.out.printf("  memory %-21s %,6d MiB%n", part.getKey(), part.getValue());
      total += part.getValue();
    }
    System.out.printf("  memory %-21s %,6d MiB%n", "all", total);

    List<Seeded> journeys = seed(platform);
    quiet(platform);
    long callsBefore = platform.sandboxState().path("hubspot").path("calls").asLong();
    List<String[]> work = new ArrayList<>();                    // {journey index, step}, step by step across journeys
    for (String step : Journey.STEPS) {
      for (int i = 0; i < journeys.size(); i++) {
        work.add(new String[] {Integer.toString(i), step});
      }
    }
    AtomicInteger failures = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
    CountDownLatch done = new CountDownLatch(work.size());
    ExecutorService workers = Executors.newFixedThreadPool(16);
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    Instant begin = Instant.now();
    pacer.scheduleAtFixedRate(() -> {
      int index = next.getAndIncrement();
      if (index >= work.size()) {
        return;
      }
      String[] item = work.get(index);
      Seeded journey = journeys.get(Integer.parseInt(item[0]));
      workers.execute(() -> {
        try {
          complete(platform, journey, item[1]);
        } catch (Exception e) {
          failures.incrementAndGet();
          firstFailure.compareAndSet(null, item[1] + ": " + e.getMessage());
        } finally {
          done.countDown();
        }
      });
    }, 0, Math.round(1_000_000 / (RATE * STEPS_PER_TRANSITION)), TimeUnit.MICROSECONDS);
    done.await(30, TimeUnit.MINUTES);
    Instant end = Instant.now();
    double loadSeconds = Duration.between(begin, end).toMillis() / 1000.0;
    pacer.shutdownNow();
    workers.shutdown();
    if (firstFailure.get() != null) {
      System.out.println("first failed step: " + firstFailure.get());
    }

    Platform.await("every deal at STEADY_STATE", Duration.ofMinutes(5), () -> {
      JsonNode state = platform.sandboxState();
      return journeys.stream().allMatch(j -> "STEADY_STATE".equals(PlatformSystemTest.hubspotStage(j.dealId()).apply(state)));
    });
    // each transition as the engine recorded it (its own timeline), against when the sandbox's deal history shows it
    JsonNode state = platform.sandboxState();
    List<Long> freshness = new ArrayList<>();
    List<String> worst = new ArrayList<>();
    int transitions = 0;
    int neverShown = 0;
    for (Seeded journey : journeys) {
      JsonNode timeline = platform.as("casey", "GET", "/api/onboardings/" + journey.handoffId(), null).expect(200).json().path("timeline");
      for (JsonNode entry : timeline) {
        // when the engine took the transition: enteredAt is the stage's business date (go-live and first value are
        // dated by the day the CSM records, held after the stage before), so it can lie before the transition itself
        Instant entered = Instant.parse(entry.path("recordedAt").asText());
        if (entered.isBefore(begin)) {
          continue;                       // HANDOFF and KICKOFF were seeded before the load
        }
        transitions++;
        Instant shown = shownAt(PlatformSystemTest.hubspotDeal(state, journey.dealId()), entry.path("stage").asText());
        if (shown == null) {
          neverShown++;
        } else {
          long millis = Duration.between(entered, shown).toMillis();
          freshness.add(millis);
          worst.add(String.format("%6d ms  %-12s entered %s shown %s  %s", millis, entry.path("stage").asText(), entered, shown,
              journey.handoffId()));
        }
      }
    }
    Collections.sort(freshness);
    worst.sort(Collections.reverseOrder());
    List<Long> completions = new ArrayList<>(completionMillis);
    Collections.sort(completions);
    long loadCalls = state.path("hubspot").path("calls").asLong() - callsBefore;
    System.out.printf("%nstage freshness (engine transition → visible in the HubSpot sandbox), %d onboardings:%n", journeys.size());
    System.out.printf("  load: %d step completions in %.1f s = %.1f steps/s, %d stage transitions = %.1f transitions/s "
            + "(offered %.1f), %d failed calls%n", work.size(), loadSeconds, work.size() / loadSeconds, transitions,
        transitions / loadSeconds, RATE, failures.get());
    System.out.printf("  p50 %d ms, p95 %d ms, p99 %d ms, max %d ms over %d transitions; %d never shown%n",
        percentile(freshness, 50), percentile(freshness, 95), percentile(freshness, 99), freshness.isEmpty() ? -1 : freshness.getLast(),
        freshness.size(), neverShown);
    System.out.printf("  HubSpot calls %d (%d of them from the load on), 429s %d%n", state.path("hubspot").path("calls").asLong(),
        loadCalls, state.path("hubspot").path("refused429").asLong());
    System.out.printf("  a step's completion through the gateway: p50 %d ms, p95 %d ms, max %d ms%n", percentile(completions, 50),
        percentile(completions, 95), completions.isEmpty() ? -1 : completions.getLast());
    System.out.println("  slowest transitions:");
    worst.stream().limit(8).forEach(w -> System.out.println("    " + w));
    System.out.println();
    BenchSummary.add(String.format("Stage freshness    p50 %d ms, p95 %d ms (target ≤ 2,000 ms), p99 %d ms, max %d ms, %d never shown "
            + "(target 0); %d HubSpot calls for %d transitions at %.1f/s",
        percentile(freshness, 50), percentile(freshness, 95), percentile(freshness, 99), freshness.isEmpty() ? -1 : freshness.getLast(),
        neverShown, state.path("hubspot").path("calls").asLong(), transitions, transitions / loadSeconds));
  }

  private static List<Seeded> seed(Platform platform) throws Exception {
    long begin = System.nanoTime();
    List<Seeded> journeys = Collections.synchronizedList(new ArrayList<>());
    ExecutorService seeders = Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<?>> pending = new ArrayList<>();
    for (int i = 0; i < JOURNEYS; i++) {
      int n = i;
      pending.add(seeders.submit(() -> {
        String domain = "bench-" + n + "-" + System.nanoTime() + ".example";
        String deal = platform.winHubSpotDeal("Bench " + n, domain);
        String handoff = platform.completeAndSubmit(platform.awaitDraft("hubspotDealId", deal, Journey.STEP));
        platform.accept(handoff, Journey.STEP);
        Platform.await("the kickoff of " + handoff, Journey.STEP, () -> !platform.tasks("casey", handoff).isEmpty());
        String processInstance = platform.as("casey", "GET", "/api/onboardings/" + handoff, null).expect(200).json().path("id").asText();
        journeys.add(new Seeded(handoff, deal, processInstance));
        return null;
      }));
    }
    for (var f : pending) {
      f.get();
    }
    seeders.shutdown();
    Platform.await("every deal at KICKOFF", Duration.ofMinutes(2), () -> {
      JsonNode state = platform.sandboxState();
      return journeys.stream().allMatch(j -> "KICKOFF".equals(PlatformSystemTest.hubspotStage(j.dealId()).apply(state)));
    });
    System.out.printf("seeded %d onboardings from won HubSpot deals in %.1f s%n", journeys.size(), (System.nanoTime() - begin) / 1e9);
    return journeys;
  }

  /**
   * Seeding 40 won deals spends several of HubSpot's 10-second windows (webhooks, drafts, kickoff tasks); the load is
   * measured from a steady state, not from that burst: it starts once no HubSpot call has been made for a whole window.
   */
  private static void quiet(Platform platform) throws Exception {
    long begin = System.nanoTime();
    long deadline = begin + Duration.ofMinutes(2).toNanos();
    long calls = -1;
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < Duration.ofSeconds(10).toNanos()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("HubSpot calls still going on two minutes after seeding");
      }
      long now = platform.sandboxState().path("hubspot").path("calls").asLong();
      if (now != calls) {
        calls = now;
        quietSince = System.nanoTime();
      }
      TimeUnit.MILLISECONDS.sleep(250);              // polling the sandbox's call count
    }
    System.out.printf("HubSpot's window rolled after seeding (no call for 10 s) in %.1f s%n", (System.nanoTime() - begin) / 1e9);
  }

  /** The step's owner completes it as soon as it is there (under load the previous step may still be committing). */
  private void complete(Platform platform, Seeded journey, String step) throws InterruptedException {
    String key = step + ":" + journey.processInstanceId();
    String taskId = taskIds.remove(key);
    if (taskId == null) {
      readWave(platform, step);
      taskId = taskIds.remove(key);
    }
    if (taskId == null) {
      taskId = Platform.await(step + " of " + journey.handoffId(), Duration.ofSeconds(60), () -> {
        JsonNode tasks = platform.as(Journey.owner(step), "GET", "/engine-rest/task?maxResults=200&processInstanceId=" + journey.processInstanceId()
            + "&taskDefinitionKey=" + step, null).expect(200).json();
        return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
      });
    }
    long begin = System.nanoTime();
    platform.as(Journey.owner(step), "POST", "/engine-rest/task/" + taskId + "/complete",
        Platform.completion(io.onramp.processes.StepRecords.of(step))).expect(204);
    completionMillis.add((System.nanoTime() - begin) / 1_000_000);
  }

  /** Every open task of this step, one query for all journeys. */
  private synchronized void readWave(Platform platform, String step) {
    JsonNode tasks = platform.as(Journey.owner(step), "GET", "/engine-rest/task?maxResults=200&processDefinitionKey=customer-onboarding"
        + "&taskDefinitionKey=" + step + "&maxResults=1000", null).expect(200).json();
    tasks.forEach(t -> taskIds.putIfAbsent(step + ":" + t.get("processInstanceId").asText(), t.get("id").asText()));
  }

  private static Instant shownAt(JsonNode deal, String stage) {
    for (JsonNode change : deal.path("history")) {
      if (change.path("field").asText().equals("onboarding_stage") && change.path("value").asText().equals(stage)) {
        return Instant.parse(change.path("at").asText());
      }
    }
    return null;
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}

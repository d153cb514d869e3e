package io.onramp.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * engine (a CSM completing a step, through the gateway) until HubSpot (the sandbox) shows the new
 * stage, at a steady load of 20 transitions/s over many onboardings. Also prints the platform's
 * start-up time and the memory of each process. Figures are printed, not asserted.
 *
 * <p>{@code ./onramp bench -pl stack -Dbench.journeys=40 -Dbench.rate=20} (rate: stage transitions per second)
 */
@Tag("benchmark")
class StageFreshnessBenchmark {

  private static final int JOURNEYS = Integer.getInteger("bench.journeys", 40);
  /** Stage transitions per second; 5 of the 7 steps change the stage, so steps are paced at 7/5 of it. */
  private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "20"));
  private static final double STEPS_PER_TRANSITION = 7.0 / 5.0;

  private record Seeded(String handoffId, String dealId) {
  }

  private record Transition(Seeded journey, String stage, Instant sentAt) {
  }

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
    List<String[]> work = new ArrayList<>();                    // {journey index, step}, step by step across journeys
    for (String step : Journey.STEPS) {
      for (int i = 0; i < journeys.size(); i++) {
        work.add(new String[] {Integer.toString(i), step});
      }
    }
    ConcurrentLinkedQueue<Transition> transitions = new ConcurrentLinkedQueue<>();
    Map<String, String> lastStage = new java.util.concurrent.ConcurrentHashMap<>();
    journeys.forEach(j -> lastStage.put(j.handoffId(), "KICKOFF"));
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
          Instant sentAt = complete(platform, journey, item[1]);
          String after = stage(platform, journey);
          if (!after.equals(lastStage.put(journey.handoffId(), after))) {   // a journey's steps run one after another
            transitions.add(new Transition(journey, after, sentAt));
          }
        } catch (Exception e) {
          failures.incrementAndGet();
          firstFailure.compareAndSet(null, item[1] + ": " + e.getMessage());
        } finally {
          done.countDown();
        }
      });
    }, 0, Math.round(1_000_000 / (RATE * STEPS_PER_TRANSITION)), TimeUnit.MICROSECONDS);
    done.await(30, TimeUnit.MINUTES);
    double loadSeconds = Duration.between(begin, Instant.now()).toMillis() / 1000.0;
    pacer.shutdownNow();
    workers.shutdown();
    if (firstFailure.get() != null) {
      System.out.println("first failed step: " + firstFailure.get());
    }

    Platform.await("every deal at STEADY_STATE", Duration.ofMinutes(5), () -> {
      JsonNode state = platform.sandboxState();
      return journeys.stream().allMatch(j -> "STEADY_STATE".equals(PlatformSystemTest.hubspotStage(j.dealId()).apply(state)));
    });
    JsonNode state = platform.sandboxState();
    List<Long> freshness = new ArrayList<>();
    int coalesced = 0;
    for (Transition t : transitions) {
      Instant shown = shownAt(PlatformSystemTest.hubspotDeal(state, t.journey().dealId()), t.stage());
      if (shown == null) {
        coalesced++;
      } else {
        freshness.add(Duration.between(t.sentAt(), shown).toMillis());
      }
    }
    Collections.sort(freshness);
    System.out.printf("%nstage freshness (engine transition → visible in the HubSpot sandbox), %d onboardings:%n", journeys.size());
    System.out.printf("  load: %d step completions in %.1f s = %.1f steps/s, %d stage transitions = %.1f transitions/s, %d failed calls%n",
        work.size(), loadSeconds, work.size() / loadSeconds, transitions.size(), transitions.size() / loadSeconds, failures.get());
    System.out.printf("  p50 %d ms, p95 %d ms, p99 %d ms, max %d ms over %d transitions; %d never shown (coalesced into a later stage)%n",
        percentile(freshness, 50), percentile(freshness, 95), percentile(freshness, 99), freshness.getLast(), freshness.size(), coalesced);
    System.out.printf("  HubSpot calls %d, 429s %d%n%n", state.path("hubspot").path("calls").asLong(),
        state.path("hubspot").path("refused429").asLong());
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
        journeys.add(new Seeded(handoff, deal));
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

  /** The step's owner completes it as soon as it is there (under load the previous step may still be committing). */
  /** The engine's stage of the onboarding (read, not assumed from the model). */
  private static String stage(Platform platform, Seeded journey) {
    return platform.as("casey", "GET", "/api/onboardings/" + journey.handoffId(), null).expect(200).json().path("stage").asText();
  }

  /** Completes the step; returns when the request was sent (the transition happens before its answer). */
  private static Instant complete(Platform platform, Seeded journey, String step) throws InterruptedException {
    JsonNode task = Platform.await(step + " of " + journey.handoffId(), Duration.ofSeconds(60), () -> {
      JsonNode tasks = platform.as(Journey.owner(step), "GET", "/engine-rest/task?processInstanceBusinessKey=" + journey.handoffId()
          + "&taskDefinitionKey=" + step, null).expect(200).json();
      return tasks.isEmpty() ? null : tasks.get(0);
    });
    Instant sentAt = Instant.now();
    platform.as(Journey.owner(step), "POST", "/engine-rest/task/" + task.get("id").asText() + "/complete", Map.of()).expect(204);
    return sentAt;
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

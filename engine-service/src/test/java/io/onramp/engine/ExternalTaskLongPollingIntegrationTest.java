package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Journey-step workers (marketing-journey…) long-poll the engine instead of hammering it. */
class ExternalTaskLongPollingIntegrationTest extends EngineIntegrationTest {

  @Test
  void shouldHoldAFetchAndLockOpenUntilAMarketingPlayIsDue() {
    String handoff = "H-" + UUID.randomUUID();
    Map<String, Object> request = Map.of("workerId", "eloqua-1", "maxTasks", 5, "asyncResponseTimeout", 20_000,
        "topics", List.of(Map.of("topicName", "marketing-journey", "lockDuration", 60_000, "businessKey", handoff)));
    long started = System.nanoTime();
    CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() ->
        as(ADMIN).post("/engine-rest/external-task/fetchAndLock", request).expect(200).json());
    await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !poll.isDone());

    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff(handoff, "assisted", Map.of());
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));   // the welcome play is now due

    JsonNode tasks = await().atMost(Duration.ofSeconds(18)).until(poll::join, r -> !r.isEmpty());
    assertThat(tasks.get(0).get("activityId").asText()).isEqualTo("Task_SendWelcome");
    assertThat((System.nanoTime() - started) / 1e9).isLessThan(18);
  }
}

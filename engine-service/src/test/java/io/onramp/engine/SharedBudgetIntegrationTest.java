package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A vendor's limits held for every replica of a connector at once: replicas asking the sync API for permits
 * concurrently never get more than the vendor allows in any rolling window, and a "wait" the vendor told one
 * replica holds them all.
 */
class SharedBudgetIntegrationTest extends EngineIntegrationTest {

  static final int PER_WINDOW = 10;
  static final long WINDOW_MILLIS = 1_000;

  @Test
  void shouldNeverGrantReplicasTogetherMoreThanTheVendorsRollingLimit() throws Exception {
    String account = "portal-" + UUID.randomUUID();
    List<Long> granted = Collections.synchronizedList(new ArrayList<>());        // when each permit reached a replica
    long end = System.nanoTime() + 4_500_000_000L;
    ExecutorService replicas = Executors.newFixedThreadPool(4);
    List<Future<Integer>> refusals = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      refusals.add(replicas.submit(() -> {
        int refused = 0;
        while (System.nanoTime() < end) {
          JsonNode grant = take(account, 3, 250_000);
          for (int i = 0; i < grant.get("granted").asInt(); i++) {
            granted.add(System.nanoTime());
          }
          if (grant.get("granted").asInt() == 0) {
            refused++;
            assertThat(grant.get("retryInMillis").asLong()).isPositive().isLessThanOrEqualTo(WINDOW_MILLIS + 1_000);
            Thread.sleep(Math.min(grant.get("retryInMillis").asLong(), 50));    // a replica waiting as told, capped to keep asking
          }
        }
        return refused;
      }));
    }
    int refused = 0;
    for (Future<Integer> f : refusals) {
      refused += f.get();
    }
    replicas.shutdown();

    List<Long> times = new ArrayList<>(granted);
    Collections.sort(times);
    int most = 0;
    for (int i = 0, j = 0; i < times.size(); i++) {
      while (times.get(i) - times.get(j) >= WINDOW_MILLIS * 1_000_000) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    System.out.printf("shared budget: 4 replicas, %d permits granted in 4.5 s, at most %d in any %d ms (limit %d), %d refusals%n",
        times.size(), most, WINDOW_MILLIS, PER_WINDOW, refused);
    assertThat(most).as("permits in any rolling window, all replicas together").isLessThanOrEqualTo(PER_WINDOW);
    assertThat(times.size()).as("the budget is spent, not starved: a window's worth per window and lease (2 s)")
        .isGreaterThanOrEqualTo(PER_WINDOW);
    assertThat(refused).as("the replicas asked for more than the limit").isPositive();
  }

  @Test
  void shouldHoldEveryReplicaWhenTheVendorSaidWaitAndRefuseWhatTheDayNoLongerAllows() {
    String account = "portal-" + UUID.randomUUID();
    assertThat(take(account, 2, 250_000).get("granted").asInt()).isEqualTo(2);
    as(CONNECTOR).post("/api/sync/hubspot/budget/pause", Map.of("account", account, "pauseMillis", 30_000, "daySpent", false))
        .expect(204);
    JsonNode paused = take(account, 1, 250_000);
    assertThat(paused.get("granted").asInt()).isZero();
    assertThat(paused.get("retryInMillis").asLong()).isBetween(20_000L, 30_000L);
    assertThat(paused.get("daySpent").asBoolean()).isFalse();

    String small = "portal-" + UUID.randomUUID();
    assertThat(take(small, 3, 3).get("granted").asInt()).isEqualTo(3);
    JsonNode spent = take(small, 1, 3);
    assertThat(spent.get("granted").asInt()).isZero();
    assertThat(spent.get("daySpent").asBoolean()).isTrue();
    assertThat(spent.get("remainingToday").asLong()).isZero();
  }

  @Test
  void shouldNameTheFieldOfABadRequestAndLeaveOtherCrmsToTheirOwnWorkers() {
    Api.Response badZone = as(CONNECTOR).post("/api/sync/hubspot/budget/take", Map.of("account", "a", "permits", 1, "perWindow", 10,
        "windowMillis", 1000, "perDay", 10, "dayZone", "Mars/Olympus"));
    assertThat(badZone.status()).isEqualTo(400);
    assertThat(badZone.body()).contains("dayZone");
    Api.Response tooMany = as(CONNECTOR).post("/api/sync/hubspot/budget/take", Map.of("account", "a", "permits", 500,
        "perWindow", 10, "windowMillis", 1000, "perDay", 10));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.body()).contains("permits");
    assertThat(anonymous().post("/api/sync/hubspot/budget/take", Map.of("account", "a", "permits", 1, "perWindow", 10,
        "windowMillis", 1000, "perDay", 10)).status()).isEqualTo(401);
    assertThat(as(CSM).post("/api/sync/hubspot/budget/take", Map.of("account", "a", "permits", 1, "perWindow", 10,
        "windowMillis", 1000, "perDay", 10)).status()).isEqualTo(403);
  }

  private JsonNode take(String account, int permits, long perDay) {
    return as(CONNECTOR).post("/api/sync/hubspot/budget/take", Map.of("account", account, "permits", permits,
        "perWindow", PER_WINDOW, "windowMillis", WINDOW_MILLIS, "perDay", perDay, "dayZone", "UTC")).expect(200).json();
  }
}

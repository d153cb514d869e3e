package io.onramp.connector.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onramp.connector.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget on a fake clock: waits are computed, never slept. */
class RequestBudgetTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  final List<Duration> waits = new ArrayList<>();
  final RequestBudget.Sleeper sleeper = d -> { waits.add(d); clock.advance(d); };

  @Test
  void shouldLetAWindowsWorthThroughAtOnceAndThenWaitForTheOldestToLeaveTheWindow() throws Exception {
    RequestBudget budget = new RequestBudget("hubspot", 100, Duration.ofSeconds(10), 250_000, ZoneOffset.UTC, clock, sleeper);
    for (int i = 0; i < 100; i++) {
      budget.acquire();
    }
    assertThat(waits).isEmpty();
    assertThat(budget.remainingInWindow()).isZero();

    budget.acquire();

    assertThat(waits).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void shouldNeverLetMoreThanTheLimitIntoAnyWindow() throws Exception {
    RequestBudget budget = new RequestBudget("hubspot", 100, Duration.ofSeconds(10), 250_000, ZoneOffset.UTC, clock, sleeper);
    List<Instant> sent = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      budget.acquire();
      sent.add(clock.instant());
    }
    for (int i = 100; i < sent.size(); i++) {
      assertThat(Duration.between(sent.get(i - 100), sent.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
    assertThat(Duration.between(sent.get(0), sent.get(999))).isEqualTo(Duration.ofSeconds(90));   // 10 windows, full speed
  }

  @Test
  void shouldSayWhenThereWillBeRoomInsteadOfWaitingWhenAskedToTry() {
    RequestBudget budget = new RequestBudget("eloqua bulk imports", 2, Duration.ofHours(1), 1_000, ZoneOffset.UTC, clock, sleeper);
    Instant start = clock.instant();
    assertThat(budget.tryAcquire()).isNull();
    clock.advance(Duration.ofMinutes(10));
    assertThat(budget.tryAcquire()).isNull();

    assertThat(budget.tryAcquire()).isEqualTo(start.plus(Duration.ofHours(1)));
    assertThat(budget.tryAcquire()).as("asking takes nothing").isEqualTo(start.plus(Duration.ofHours(1)));
    assertThat(waits).isEmpty();
    clock.advance(Duration.ofMinutes(50));
    assertThat(budget.tryAcquire()).isNull();
    assertThat(budget.remainingInWindow()).isZero();
  }

  @Test
  void shouldWaitForTheVendorsPause() throws Exception {
    RequestBudget budget = new RequestBudget("hubspot", 100, Duration.ofSeconds(10), 250_000, ZoneOffset.UTC, clock, sleeper);
    budget.pauseUntil(clock.instant().plusSeconds(3));

    budget.acquire();

    assertThat(waits).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void shouldWaitForTheNextWindowWhenTheHeadersSayNothingIsLeft() throws Exception {
    RequestBudget budget = new RequestBudget("hubspot", 100, Duration.ofSeconds(10), 250_000, ZoneOffset.UTC, clock, sleeper);
    budget.observe(0, Duration.ofSeconds(10), 5_000L);     // another app on the same account used the window

    budget.acquire();

    assertThat(waits).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void shouldHandWorkBackUntilTomorrowWhenTheDayIsSpent() throws Exception {
    RequestBudget budget = new RequestBudget("hubspot", 100, Duration.ofSeconds(10), 3, ZoneId.of("America/New_York"), clock, sleeper);
    budget.acquire();
    budget.acquire();
    budget.acquire();

    assertThatThrownBy(budget::acquire).isInstanceOf(BudgetSpent.class)
        .satisfies(e -> assertThat(((BudgetSpent) e).renewsAt()).isEqualTo(Instant.parse("2026-11-24T05:00:00Z")));
    assertThat(budget.remainingToday()).isZero();

    clock.set(Instant.parse("2026-11-24T05:00:01Z"));
    budget.acquire();
    assertThat(budget.remainingToday()).isEqualTo(2);
  }

  @Test
  void shouldTreatADaily429AsSpentEvenBeforeOurOwnCountSaysSo() {
    RequestBudget budget = new RequestBudget("hubspot", 100, Duration.ofSeconds(10), 250_000, ZoneOffset.UTC, clock, sleeper);
    budget.spentUntilTomorrow();

    assertThatThrownBy(budget::acquire).isInstanceOf(BudgetSpent.class)
        .hasMessageContaining("2026-11-24T00:00:00Z");
  }

  @Test
  void shouldRefuseNonsenseLimits() {
    assertThatThrownBy(() -> new RequestBudget("hubspot", 0, Duration.ofSeconds(10), 1, ZoneOffset.UTC, clock, sleeper))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hubspot");
  }
}

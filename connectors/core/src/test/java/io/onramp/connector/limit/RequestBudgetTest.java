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

    assertThat(waits).as("the window, and the 250 ms a call may take to reach HubSpot after it was counted")
        .containsExactly(Duration.ofMillis(10_250));
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
    assertThat(Duration.between(sent.get(0), sent.get(999)))     // 10 windows at full speed, each with a call's travel margin
        .isEqualTo(Duration.ofMillis(9 * 10_250));
  }

  @Test
  void shouldSayWhenThereWillBeRoomInsteadOfWaitingWhenAskedToTry() {
    RequestBudget budget = new RequestBudget("eloqua bulk imports", 2, Duration.ofHours(1), 1_000, ZoneOffset.UTC, clock, sleeper);
    Instant start = clock.instant();
    assertThat(budget.tryAcquire()).isNull();
    clock.advance(Duration.ofMinutes(10));
    assertThat(budget.tryAcquire()).isNull();

    Instant room = start.plus(Duration.ofHours(1)).plus(RequestBudget.TRAVEL);
    assertThat(budget.tryAcquire()).isEqualTo(room);
    assertThat(budget.tryAcquire()).as("asking takes nothing").isEqualTo(room);
    assertThat(waits).isEmpty();
    clock.advance(Duration.between(clock.instant(), room));
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
  void shouldWaitOnlyForItsOwnOldestCallWhenItFilledTheWindowItself() throws Exception {
    RequestBudget budget = new RequestBudget("hubspot", 100, Duration.ofSeconds(10), 250_000, ZoneOffset.UTC, clock, sleeper);
    for (int i = 0; i < 100; i++) {
      budget.acquire();
      clock.advance(Duration.ofMillis(40));               // a 4 s burst
    }
    budget.observe(0, Duration.ofSeconds(10), 5_000L);     // HubSpot: the (rolling) window is full

    budget.acquire();

    assertThat(waits).as("until the first call of the burst leaves the window, not ten seconds from now")
        .containsExactly(Duration.ofMillis(10_000 + 250 - 4_000 + 250));       // its travel, and a shared permit's lease
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

  private RequestBudget shared(Ledger ledger) {
    return new RequestBudget("hubspot", 100, Duration.ofSeconds(10), 250_000, ZoneOffset.UTC, clock, sleeper).sharedThrough(ledger);
  }

  /** The other replicas, as the ledger answers this one: what it grants, and the waits it was told. */
  class Replicas implements Ledger {
    final java.util.Deque<Grant> answers = new java.util.ArrayDeque<>();
    final List<String> told = new ArrayList<>();
    int takes;
    RuntimeException down;

    @Override
    public Grant take(int permits, int perWindow, Duration window, long perDay, ZoneId dayZone) {
      takes++;
      if (down != null) {
        throw down;
      }
      return answers.isEmpty() ? new Grant(permits, Duration.ofSeconds(1), Duration.ZERO, false) : answers.poll();
    }

    @Override
    public void pause(Duration wait, boolean daySpent, ZoneId dayZone) {
      told.add(daySpent ? "day spent" : "wait " + wait);
    }
  }

  @Test
  void shouldSendOnlyWithAPermitFromTheSharedBudgetAndWaitAsLongAsItSays() throws Exception {
    Replicas replicas = new Replicas();
    RequestBudget budget = shared(replicas);
    replicas.answers.add(new Ledger.Grant(0, Duration.ZERO, Duration.ofMillis(700), false));    // the others spent the window

    budget.acquire();

    assertThat(waits).as("waited as the shared budget said, then sent with its permit").containsExactly(Duration.ofMillis(700));
    assertThat(replicas.takes).isEqualTo(2);
  }

  @Test
  void shouldUseAGrantOfSeveralPermitsOnlyWithinItsLease() {
    Replicas replicas = new Replicas();
    RequestBudget budget = shared(replicas);
    replicas.answers.add(new Ledger.Grant(3, Duration.ofSeconds(1), Duration.ZERO, false));
    assertThat(budget.tryAcquire()).isNull();
    assertThat(budget.tryAcquire()).isNull();
    assertThat(replicas.takes).as("the second call used the grant's second permit").isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));                 // the lease ran out: the third permit is not used late
    assertThat(budget.tryAcquire()).isNull();
    assertThat(replicas.takes).isEqualTo(2);
  }

  @Test
  void shouldNotSendWithAPermitThatArrivedAfterItsLease() throws Exception {
    Replicas replicas = new Replicas() {
      @Override
      public Grant take(int permits, int perWindow, Duration window, long perDay, ZoneId dayZone) {
        Grant grant = super.take(permits, perWindow, window, perDay, dayZone);
        if (takes == 1) {
          clock.advance(Duration.ofMillis(300));        // the answer took longer than the 250 ms it is valid for
        }
        return grant;
      }
    };
    replicas.answers.add(new Ledger.Grant(1, Duration.ofMillis(250), Duration.ZERO, false));
    RequestBudget budget = shared(replicas);

    budget.acquire();

    assertThat(replicas.takes).as("the late permit was left unused and a fresh one taken").isEqualTo(2);
    assertThat(budget.remainingInWindow()).as("one call sent").isEqualTo(99);
  }

  @Test
  void shouldTellTheOtherReplicasWhatTheVendorSaidAndRefuseToSendWhenTheBudgetCannotBeAsked() {
    Replicas replicas = new Replicas();
    RequestBudget budget = shared(replicas);
    budget.pauseUntil(clock.instant().plusSeconds(4));
    budget.spentUntilTomorrow();
    assertThat(replicas.told).containsExactly("wait PT4S", "day spent");

    Replicas spent = new Replicas();
    RequestBudget other = shared(spent);
    spent.answers.add(new Ledger.Grant(0, Duration.ZERO, Duration.ofHours(14), true));
    assertThatThrownBy(other::tryAcquire).isInstanceOf(BudgetSpent.class)
        .satisfies(e -> assertThat(((BudgetSpent) e).renewsAt()).isEqualTo(clock.instant().plus(Duration.ofHours(14))));

    Replicas unreachable = new Replicas();
    unreachable.down = new IllegalStateException("connection refused");
    RequestBudget third = shared(unreachable);
    assertThatThrownBy(third::tryAcquire).isInstanceOf(BudgetUnavailable.class).hasMessageContaining("connection refused");
  }
}

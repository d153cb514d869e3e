package io.onramp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop every polling worker runs on: once started it works, whatever the scheduler does first; stopped, it stops. */
class BackgroundPollerTest {

  @Test
  void shouldWorkEveryTimeItIsStartedAndStopWhenStopped() throws InterruptedException {
    for (int start = 0; start < 200; start++) {      // a worker that ends at once when its thread wins the race never shows in one try
      CountDownLatch worked = new CountDownLatch(3);
      BackgroundPoller poller = new BackgroundPoller("test-" + start, worked::countDown);
      poller.start();
      assertThat(worked.await(5, TimeUnit.SECONDS)).as("start %d: rounds ran", start).isTrue();
      poller.stop(Duration.ofSeconds(5), true);
      assertThat(poller.isRunning()).isFalse();
    }
  }

  @Test
  void shouldKeepGoingAfterAFailedRound() throws InterruptedException {
    AtomicInteger rounds = new AtomicInteger();
    CountDownLatch recovered = new CountDownLatch(1);
    BackgroundPoller poller = new BackgroundPoller("flaky", () -> {
      if (rounds.incrementAndGet() == 1) {
        throw new IllegalStateException("engine not up yet");
      }
      recovered.countDown();
    });
    poller.start();
    assertThat(recovered.await(10, TimeUnit.SECONDS)).as("a round after the failure (1 s pause)").isTrue();
    poller.stop(Duration.ofSeconds(5), true);
  }
}

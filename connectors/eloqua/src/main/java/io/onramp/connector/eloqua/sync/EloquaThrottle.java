package io.onramp.connector.eloqua.sync;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.connector.limit.BudgetSpent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eloqua publishes no REST rate limit; it answers 429 (without Retry-After) or 503 when it wants
 * less. Each refusal in a row doubles the pause (from {@code first} up to {@code max}), with equal
 * jitter (half fixed, half random) so replicas do not come back in step. While paused nothing is
 * sent: work is handed back to retry at the pause's end. One answer that is not a refusal resets it.
 */
public class EloquaThrottle {

  private static final Logger log = LoggerFactory.getLogger(EloquaThrottle.class);

  private final Duration first;
  private final Duration max;
  private final Clock clock;
  private final RandomGenerator random;
  private int refusals;
  private Instant pausedUntil = Instant.MIN;

  public EloquaThrottle(Duration first, Duration max, Clock clock, RandomGenerator random, MeterRegistry metrics) {
    this.first = first;
    this.max = max;
    this.clock = clock;
    this.random = random;
    Gauge.builder("onramp.crm.backoff.seconds", this, EloquaThrottle::secondsLeft).tag("crm", "eloqua")
        .description("how long Eloqua calls still hold off after 429/503 answers").register(metrics);
  }

  /** Before every call: throws {@link BudgetSpent} while Eloqua asked us to hold off. */
  public synchronized void check() {
    if (clock.instant().isBefore(pausedUntil)) {
      throw BudgetSpent.holdOff("Eloqua refused " + refusals + " call(s) in a row (429/503)", pausedUntil);
    }
  }

  /** Eloqua said 429 or 503: pause, longer each time in a row. Returns when calls may resume. */
  public synchronized Instant refused(int status) {
    refusals++;
    long cap = Math.min(max.toMillis(), first.toMillis() << Math.min(refusals - 1, 20));
    long wait = cap / 2 + random.nextLong(cap / 2 + 1);
    Instant until = clock.instant().plusMillis(wait);
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
    log.warn("Eloqua answered {} ({} in a row): no calls until {}", status, refusals, pausedUntil);
    return pausedUntil;
  }

  /** An answer that was not a refusal. */
  public synchronized void answered() {
    refusals = 0;
  }

  private synchronized double secondsLeft() {
    return Math.max(0, Duration.between(clock.instant(), pausedUntil).toMillis() / 1000.0);
  }
}

package io.onramp.connector.eloqua.sync;

import feign.RetryableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.connector.sync.VendorError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eloqua publishes no REST rate limit; it answers 429 (without Retry-After) or 503 when it wants less. The Resilience4j
 * circuit breaker "eloqua" around every call: one such refusal opens it, and while it is open nothing is sent (the
 * work is handed back to retry when it reopens). Each refusal in a row doubles the pause, from {@code first} up to
 * {@code max}, with equal jitter (half fixed, half random) so replicas do not come back in step; then one trial call,
 * and an answer that is not a refusal closes it. No answer at all (I/O) neither opens nor closes it.
 */
public final class EloquaThrottle {

  private static final Logger log = LoggerFactory.getLogger(EloquaThrottle.class);

  private final CircuitBreaker breaker;
  private final Clock clock;
  private volatile Instant reopensAt = Instant.MIN;

  public EloquaThrottle(Duration first, Duration max, Clock clock, RandomGenerator random, MeterRegistry metrics) {
    this.clock = clock;
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(1).minimumNumberOfCalls(1)
        .failureRateThreshold(100).permittedNumberOfCallsInHalfOpenState(1)
        .recordException(EloquaThrottle::refusal).ignoreException(EloquaThrottle::noAnswer)
        .waitIntervalFunctionInOpenState(refusals -> {
          long cap = Math.min(max.toMillis(), first.toMillis() << Math.min(Math.max(refusals, 1) - 1, 20));
          long wait = cap / 2 + random.nextLong(cap / 2 + 1);
          reopensAt = clock.instant().plusMillis(wait);
          log.warn("Eloqua refused {} call(s) in a row (429/503): no calls until {}", refusals, reopensAt);
          return wait;
        }).build();
    this.breaker = new CircuitBreakerStateMachine("eloqua", config, clock);
    Gauge.builder("onramp.crm.backoff.seconds", this, EloquaThrottle::secondsLeft).tag("crm", "eloqua")
        .description("how long Eloqua calls still hold off after 429/503 answers").register(metrics);
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  /** When calls may go out again: the open breaker's end, or at once (a trial call is under way). */
  Instant reopensAt() {
    Instant now = clock.instant();
    return reopensAt.isAfter(now) ? reopensAt : now.plusSeconds(1);
  }

  private static boolean refusal(Throwable failure) {
    return failure instanceof VendorError error && (error.kind() == VendorError.Kind.RATE_LIMITED || error.status() == 503);
  }

  private static boolean noAnswer(Throwable failure) {
    return failure instanceof RetryableException
        || (failure instanceof VendorError error && error.kind() == VendorError.Kind.UNAVAILABLE && !refusal(error));
  }

  private double secondsLeft() {
    return breaker.getState() == CircuitBreaker.State.OPEN
        ? Math.max(0, Duration.between(clock.instant(), reopensAt).toMillis() / 1000.0) : 0;
  }
}

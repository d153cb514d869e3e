package io.onramp.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Faults switched on at run time, per vendor: every API call answers 503, or the vendor's
 * rate-limit refusal, or hangs past the connectors' read timeout, or is slowed down — until
 * switched off or until its time is up.
 */
@Component
public class Faults {

  public enum Kind { UNAVAILABLE, RATE_LIMITED, TIMEOUT, LATENCY }

  /**
   * @param kind    what happens to each call
   * @param delayMs LATENCY: added to each answer; TIMEOUT: how long a call hangs before a 504 (default 40 s)
   * @param until   when it switches itself off; null = until switched off
   */
  public record Fault(Kind kind, long delayMs, Instant until) {
  }

  private final Map<String, Fault> active = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.atomic.AtomicLong> hits = new ConcurrentHashMap<>();
  private final Clock clock;

  public Faults() {
    this(Clock.systemUTC());
  }

  Faults(Clock clock) {
    this.clock = clock;
  }

  /** Switches a fault on; {@code duration} null or zero = until switched off. */
  public Fault switchOn(String vendor, Kind kind, Long delayMs, Duration duration) {
    long delay = delayMs != null ? delayMs : kind == Kind.TIMEOUT ? 40_000 : kind == Kind.LATENCY ? 500 : 0;
    if (delay < 0 || delay > 300_000) {
      throw new IllegalArgumentException("delayMs must be between 0 and 300000; it is " + delay);
    }
    Fault fault = new Fault(kind, delay, duration == null || duration.isZero() ? null : clock.instant().plus(duration));
    active.put(vendor.toLowerCase(Locale.ROOT), fault);
    return fault;
  }

  public void switchOff(String vendor) {
    active.remove(vendor.toLowerCase(Locale.ROOT));
  }

  public void clear() {
    active.clear();
    hits.clear();
  }

  /** Counts a call that met a fault (what a tester checks to know the connector kept trying). */
  void hit(String vendor) {
    hits.computeIfAbsent(vendor, v -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
  }

  /** Calls that met a fault, per vendor, since the start. */
  public Map<String, Long> hits() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    hits.forEach((vendor, count) -> counts.put(vendor, count.get()));
    return counts;
  }

  /** The fault in force for a vendor now, or null. */
  public Fault current(String vendor) {
    Fault fault = active.get(vendor);
    if (fault != null && fault.until() != null && !clock.instant().isBefore(fault.until())) {
      active.remove(vendor, fault);
      return null;
    }
    return fault;
  }

  public Map<String, Fault> all() {
    active.keySet().forEach(this::current);
    return Map.copyOf(active);
  }
}

package io.onramp.engine.security;

import java.util.concurrent.atomic.AtomicInteger;

/** What an attacker's expression calls in the tests: if the engine ever evaluates one, this counts it. */
public final class EvaluationTrace {

  private static final AtomicInteger HITS = new AtomicInteger();

  private EvaluationTrace() {}

  public static String hit() {
    HITS.incrementAndGet();
    return "traced";
  }

  public static int hits() {
    return HITS.get();
  }

  /** An expression that leaves a trace when evaluated (reaching the class by reflection, as an attacker reaches Runtime). */
  public static final String EXPRESSION =
      "${''.getClass().forName('io.onramp.engine.security.EvaluationTrace').getMethod('hit').invoke(null)}";
}

package io.onramp.connector.sync;

import io.onramp.connector.limit.RequestBudget;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long a round that is not full waits for more work before it writes (docs/connectors.md, "Linger"). While the
 * vendor's window is mostly unused a change goes out at once; from a quarter used the linger grows in step with the
 * window's use, up to {@code max} at three quarters. A longer linger means fuller batches and fewer calls a second, so
 * as load rises the calls fall back below what the window renews, and no change waits for the window to roll: it waits
 * the linger at most.
 */
public final class Linger {

  /** Never waits: every round writes what it claimed. */
  public static final Linger NONE = new Linger(() -> 0, Duration.ZERO);

  static final double FROM = 0.25;
  static final double FULL = 0.75;

  private final DoubleSupplier used;
  private final Duration max;

  private Linger(DoubleSupplier used, Duration max) {
    this.used = used;
    this.max = max;
  }

  /** Lingers by how much of {@code budget}'s rolling window this process has used, up to {@code max}. */
  public static Linger by(RequestBudget budget, Duration max) {
    return new Linger(budget::windowUsed, max);
  }

  static Linger by(DoubleSupplier used, Duration max) {
    return new Linger(used, max);
  }

  /** The wait for the window as it is now. */
  public Duration now() {
    double share = (used.getAsDouble() - FROM) / (FULL - FROM);
    if (share <= 0 || max.isZero()) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (max.toNanos() * Math.min(1, share)));
  }
}

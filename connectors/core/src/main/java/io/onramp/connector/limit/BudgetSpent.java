package io.onramp.connector.limit;

import java.time.Instant;

/** The day's requests to this CRM account are used up; work waits until {@link #renewsAt()}. */
public class BudgetSpent extends RuntimeException {
  private final transient Instant renewsAt;

  public BudgetSpent(String budget, Instant renewsAt) {
    this(renewsAt, "the daily request budget of " + budget + " is spent until " + renewsAt);
  }

  private BudgetSpent(Instant renewsAt, String message) {
    super(message);
    this.renewsAt = renewsAt;
  }

  /** The vendor asked us to hold off (a 429 or 503 without a daily budget behind it): nothing is sent before {@code until}. */
  public static BudgetSpent holdOff(String why, Instant until) {
    return new BudgetSpent(until, why + "; nothing is sent before " + until);
  }

  public Instant renewsAt() {
    return renewsAt;
  }
}

package io.onramp.connector.limit;

import java.time.Instant;

/** The day's requests to this CRM account are used up; work waits until {@link #renewsAt()}. */
public class BudgetSpent extends RuntimeException {
  private final transient Instant renewsAt;

  public BudgetSpent(String budget, Instant renewsAt) {
    super("the daily request budget of " + budget + " is spent until " + renewsAt);
    this.renewsAt = renewsAt;
  }

  public Instant renewsAt() {
    return renewsAt;
  }
}

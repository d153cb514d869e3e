package io.onramp.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Record ids in each vendor's style: HubSpot's numbers, Salesforce's 18-character keys with object
 * prefixes. They start from the clock, so that a restarted sandbox never hands out an id it gave
 * before (the platform keeps its handoffs per CRM id across restarts).
 */
public final class Ids {

  private final AtomicLong next = new AtomicLong(System.currentTimeMillis() % 100_000_000_000L * 10);

  public String number() {
    return Long.toString(next.incrementAndGet());
  }

  /** e.g. 006 + 5g + 13 digits = an 18-character Opportunity id. */
  public String salesforce(String prefix) {
    return prefix + "5g" + String.format("%013d", next.incrementAndGet() % 10_000_000_000_000L);
  }
}

package io.onramp.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/** Record ids in each vendor's style: HubSpot's numbers, Salesforce's 18-character keys with object prefixes. */
public final class Ids {

  private final AtomicLong next;

  public Ids(long start) {
    this.next = new AtomicLong(start);
  }

  public String number() {
    return Long.toString(next.incrementAndGet());
  }

  /** e.g. 006 + 5g0000 + 9 digits = an 18-character Opportunity id. */
  public String salesforce(String prefix) {
    return prefix + "5g0000" + String.format("%09d", next.incrementAndGet());
  }
}

package io.onramp.connector.limit;

import java.time.Duration;

/**
 * Where the replicas of a connector keep one vendor account's budget together (engine-service's sync API,
 * {@link EngineLedger}): a replica takes permits before it calls the vendor and reports the vendor's "wait".
 */
public interface Ledger {

  /**
   * {@code granted} calls may be sent within {@code validFor}; none granted: ask again after {@code retryIn}
   * ({@code daySpent}: the day's limit is what is spent).
   */
  record Grant(int granted, Duration validFor, Duration retryIn, boolean daySpent) {
  }

  Grant take(int permits, int perWindow, Duration window, long perDay, java.time.ZoneId dayZone);

  void pause(Duration wait, boolean daySpent, java.time.ZoneId dayZone);
}

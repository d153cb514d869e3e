package io.onramp.connector.sync;

import java.time.Instant;

/** What became of one item in the CRM; becomes the item's acknowledgement. */
public sealed interface Outcome {

  /** Written: the CRM now shows this version. */
  record Done() implements Outcome {
  }

  /** Not written now, worth trying again at {@code at} (the vendor's wait, or our backoff when null). */
  record Retry(Instant at, String message) implements Outcome {
  }

  /** The CRM refused this data; retrying will not help. Raises an incident with the vendor's message. */
  record Failed(String message) implements Outcome {
  }

  /** Not attempted (shutting down): give the lease back without counting an attempt. */
  record Released() implements Outcome {
  }

  /**
   * The item's passed stages were written up to the one of version {@code writtenThrough}, then
   * {@code then} (a retry or a failure) stopped the rest: the engine lists only the later ones next time.
   */
  record Partial(long writtenThrough, Outcome then) implements Outcome {
  }

  static Outcome done() {
    return new Done();
  }
}

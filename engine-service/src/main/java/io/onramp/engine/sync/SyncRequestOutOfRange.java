package io.onramp.engine.sync;

/** A claim asked for more than the configured limits allow. */
public class SyncRequestOutOfRange extends RuntimeException {
  private final String field;

  public SyncRequestOutOfRange(String field, long value, long max) {
    super(field + " is " + value + " but at most " + max + " is allowed");
    this.field = field;
  }

  public String field() {
    return field;
  }
}

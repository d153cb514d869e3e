package io.onramp.engine.sync;

import io.onramp.web.InvalidField;

/** A claim asked for more than the configured limits allow. */
public class SyncRequestOutOfRange extends InvalidField {

  public SyncRequestOutOfRange(String field, long value, long max) {
    super(field, field + " is " + value + " but at most " + max + " is allowed");
  }
}

package io.onramp.engine.usage;

/** An event id sent again with different content: refused (409), nothing of the batch is stored. */
public class UsageEventConflict extends RuntimeException {

  public UsageEventConflict(String field, String eventId) {
    super(field + ": event " + eventId + " was received before with different content; an event id names one event");
  }
}

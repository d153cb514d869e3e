package io.onramp.connector.hubspot.api;

import java.util.List;

import java.time.Instant;

/** HubSpot answered with an error, classified for the sync outcome (DESIGN decision 8). */
public class HubSpotError extends RuntimeException {

  public enum Kind {
    /** 429 TEN_SECONDLY_ROLLING: wait for the window. */ RATE_LIMITED_WINDOW,
    /** 429 DAILY: the account's day is spent. */ RATE_LIMITED_DAY,
    /** 5xx, 502/504 processing limits, 423 locked, timeouts: pause and retry. */ UNAVAILABLE,
    /** 401 (token) and 403 MISSING_SCOPES: credentials or app setup. */ AUTH,
    /** 400 VALIDATION_ERROR and other refusals of this data: no blind retries. */ REJECTED,
    /** 404 OBJECT_NOT_FOUND: the linked record is gone. */ NOT_FOUND
  }

  private final Kind kind;
  private final int status;
  private final transient Instant retryAt;
  private final transient List<String> ids;

  public HubSpotError(Kind kind, int status, String message, Instant retryAt) {
    this(kind, status, message, retryAt, List.of());
  }

  /** {@code ids}: the records HubSpot named in the error's {@code context.ids} (a batch refused for them). */
  public HubSpotError(Kind kind, int status, String message, Instant retryAt, List<String> ids) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.retryAt = retryAt;
    this.ids = List.copyOf(ids);
  }

  /** The record ids HubSpot named as the cause (empty when it named none). */
  public List<String> ids() {
    return ids;
  }

  /** A whole batch refused for the data in it (400): the records named, or none. Null for any other error. */
  public static io.onramp.connector.sync.BatchIsolation.Refused refusal(RuntimeException e) {
    return e instanceof HubSpotError error && error.kind == Kind.REJECTED && error.status == 400
        ? new io.onramp.connector.sync.BatchIsolation.Refused(java.util.Set.copyOf(error.ids)) : null;
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }

  /** When HubSpot wants to hear from us again; null when it did not say. */
  public Instant retryAt() {
    return retryAt;
  }
}

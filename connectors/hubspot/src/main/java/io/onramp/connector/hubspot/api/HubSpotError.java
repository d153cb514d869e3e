package io.onramp.connector.hubspot.api;

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

  public HubSpotError(Kind kind, int status, String message, Instant retryAt) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.retryAt = retryAt;
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

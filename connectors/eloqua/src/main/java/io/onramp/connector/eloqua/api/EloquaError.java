package io.onramp.connector.eloqua.api;

/** Eloqua answered with an error, classified for the sync outcome. */
public class EloquaError extends RuntimeException {

  public enum Kind {
    /** 429: too many requests (no Retry-After; we back off). */ THROTTLED,
    /** 5xx (503 above all), timeouts, no answer. */ UNAVAILABLE,
    /** 401 after a fresh token and a fresh instance lookup; 403. */ AUTH,
    /** 400: a validation error naming the field and its requirement. */ REJECTED,
    /** 404: the record or asset is gone. */ NOT_FOUND
  }

  private final Kind kind;
  private final int status;

  public EloquaError(Kind kind, int status, String message) {
    super(message);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }
}

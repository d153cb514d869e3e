package io.onramp.connector.salesforce.api;

import java.time.Instant;

/** Salesforce answered with an error, classified for the sync outcome. */
public class SalesforceError extends RuntimeException {

  public enum Kind {
    /** 403 REQUEST_LIMIT_EXCEEDED or our budget share reached: the day's allocation is spent. */ BUDGET_SPENT,
    /** 5xx, 503 SERVER_UNAVAILABLE, timeouts. */ UNAVAILABLE,
    /** 401 INVALID_SESSION_ID after a fresh session, or a refused token request. */ AUTH,
    /** 400 and friends: this data is refused. */ REJECTED,
    /** 404 NOT_FOUND: the linked record is gone. */ NOT_FOUND
  }

  private final Kind kind;
  private final int status;
  private final transient Instant retryAt;

  public SalesforceError(Kind kind, int status, String message, Instant retryAt) {
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

  public Instant retryAt() {
    return retryAt;
  }
}

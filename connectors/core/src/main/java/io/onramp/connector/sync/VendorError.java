package io.onramp.connector.sync;

import io.onramp.connector.limit.BudgetSpent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A CRM answered with an error, in the one failure vocabulary every connector shares: each vendor's error
 * decoder turns its answer into one of these kinds, and the round turns the kind into the item's outcome
 * ({@link #outcome(RuntimeException)}) — the same rule for every CRM.
 */
public class VendorError extends RuntimeException {

  public enum Kind {
    /** The vendor's rolling window is full (HubSpot's 10-second 429, Eloqua's 429): wait and try again. */ RATE_LIMITED,
    /** The account's day is spent (HubSpot's daily 429, Salesforce's REQUEST_LIMIT_EXCEEDED): try again when it renews. */ DAY_SPENT,
    /** 5xx, locked, timeouts, no answer: pause and retry. */ UNAVAILABLE,
    /** Credentials or the app's setup (401 after one refresh, 403): an incident for the CRM admin. */ AUTH,
    /** The vendor refused this data (400 and friends): no blind retries, an incident with its words. */ REJECTED,
    /** The linked record is gone (404): an incident. */ NOT_FOUND
  }

  private final Kind kind;
  private final int status;
  private final transient Instant retryAt;
  private final transient List<String> ids;

  public VendorError(Kind kind, int status, String message) {
    this(kind, status, message, null, List.of());
  }

  public VendorError(Kind kind, int status, String message, Instant retryAt) {
    this(kind, status, message, retryAt, List.of());
  }

  /** {@code ids}: the records the vendor named as the cause of a refused batch (empty when it named none). */
  public VendorError(Kind kind, int status, String message, Instant retryAt, List<String> ids) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.retryAt = retryAt;
    this.ids = List.copyOf(ids);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status; 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** When the vendor wants to hear from us again; null when it did not say. */
  public Instant retryAt() {
    return retryAt;
  }

  /** The record ids the vendor named as the cause (empty when it named none). */
  public List<String> ids() {
    return ids;
  }

  /** The {@code class} tag of {@code onramp.crm.failures}: the kind, in the same words for every CRM. */
  public String metricClass() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** A first 401: the connector may refresh its credentials once and try again. */
  public boolean expiredCredentials() {
    return kind == Kind.AUTH && status == 401;
  }

  /** The outcome of an item whose write failed with {@code error}: a wait or a vendor's pause retries, a refusal fails. */
  public static Outcome outcome(RuntimeException error) {
    return switch (error) {
      case BudgetSpent wait -> new Outcome.Retry(wait.renewsAt(), wait.getMessage());
      case VendorError e -> switch (e.kind) {
        case RATE_LIMITED, DAY_SPENT, UNAVAILABLE -> new Outcome.Retry(e.retryAt, e.getMessage());
        case AUTH, REJECTED, NOT_FOUND -> new Outcome.Failed(e.getMessage());
      };
      default -> new Outcome.Retry(null, String.valueOf(error.getMessage()));
    };
  }

  /** A whole batch refused for the data in it (400): the records the vendor named, or none. Null for any other error. */
  public static BatchIsolation.Refused refusal(RuntimeException error) {
    return error instanceof VendorError e && e.kind == Kind.REJECTED && e.status == 400
        ? new BatchIsolation.Refused(Set.copyOf(e.ids)) : null;
  }
}

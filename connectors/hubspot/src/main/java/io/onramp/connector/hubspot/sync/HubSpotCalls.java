package io.onramp.connector.hubspot.sync;

import io.onramp.connector.sync.VendorError;
import io.onramp.connector.hubspot.api.HubSpotTokens;
import io.onramp.connector.limit.BudgetUnavailable;
import io.onramp.connector.limit.RequestBudget;
import io.onramp.connector.sync.SyncMetrics;
import io.onramp.connector.sync.VendorCalls;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Every HubSpot call goes through here ({@link VendorCalls}): the request budget first, the rate-limit headers
 * after. A rolling-window 429 waits as HubSpot says and tries again (at most three times); a 401 refreshes an
 * OAuth token once; a daily 429 spends the day. Without a permit from the shared budget (engine-service
 * unreachable) nothing is sent and the call fails as HubSpot being unavailable, to be tried again.
 */
public class HubSpotCalls extends VendorCalls {

  private static final int WINDOW_TRIES = 3;

  private final RequestBudget budget;
  private final HubSpotTokens tokens;

  public HubSpotCalls(RequestBudget budget, SyncMetrics metrics, HubSpotTokens tokens) {
    super("HubSpot", metrics);
    this.budget = budget;
    this.tokens = tokens;
  }

  public <T> ResponseEntity<T> call(String operation, Supplier<ResponseEntity<T>> call) {
    return send(operation, call, response -> Integer.toString(response.getStatusCode().value()), response -> observe(response.getHeaders()));
  }

  @Override
  protected void guard() {
    try {
      budget.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "interrupted while waiting for the HubSpot budget");
    } catch (BudgetUnavailable noPermit) {
      // no permit, no call: to every caller (sync, provisioning, the deal owner's task) as HubSpot being unavailable
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, noPermit.getMessage());
    }
  }

  @Override
  protected boolean refreshCredentials() {
    return tokens.invalidate();
  }

  @Override
  protected boolean tryAgain(VendorError error, int attempt) {
    if (error.kind() != VendorError.Kind.RATE_LIMITED) {
      return false;
    }
    budget.pauseUntil(error.retryAt());
    return attempt < WINDOW_TRIES;
  }

  @Override
  protected RuntimeException refused(VendorError error) {
    if (error.kind() == VendorError.Kind.DAY_SPENT) {
      budget.spentUntilTomorrow();
    }
    return error;
  }

  private void observe(HttpHeaders headers) {
    budget.observe(integer(headers, "X-HubSpot-RateLimit-Remaining"),
        headers.getFirst("X-HubSpot-RateLimit-Interval-Milliseconds") == null ? null
            : Duration.ofMillis(integer(headers, "X-HubSpot-RateLimit-Interval-Milliseconds")),
        headers.getFirst("X-HubSpot-RateLimit-Daily-Remaining") == null ? null
            : (long) integer(headers, "X-HubSpot-RateLimit-Daily-Remaining"));
  }

  private static Integer integer(HttpHeaders headers, String name) {
    String value = headers.getFirst(name);
    try {
      return value == null ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

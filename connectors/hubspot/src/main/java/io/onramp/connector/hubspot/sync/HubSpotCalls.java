package io.onramp.connector.hubspot.sync;

import feign.RetryableException;
import io.onramp.connector.hubspot.api.HubSpotError;
import io.onramp.connector.hubspot.api.HubSpotTokens;
import io.onramp.connector.limit.BudgetUnavailable;
import io.onramp.connector.limit.RequestBudget;
import io.onramp.connector.sync.SyncMetrics;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Every HubSpot call goes through here: the request budget first, the rate-limit headers after,
 * a metric for each call. A rolling-window 429 waits as HubSpot says and tries again (at most
 * three times); a 401 refreshes an OAuth token once; every other error is thrown for the caller to
 * turn into outcomes. Without a permit from the shared budget (engine-service unreachable) nothing is sent and the
 * call fails as HubSpot being unavailable, to be tried again.
 */
public class HubSpotCalls {

  private static final int WINDOW_TRIES = 3;

  private final RequestBudget budget;
  private final SyncMetrics metrics;
  private final HubSpotTokens tokens;

  public HubSpotCalls(RequestBudget budget, SyncMetrics metrics, HubSpotTokens tokens) {
    this.budget = budget;
    this.metrics = metrics;
    this.tokens = tokens;
  }

  public <T> ResponseEntity<T> call(String operation, Supplier<ResponseEntity<T>> call) {
    boolean refreshed = false;
    for (int attempt = 1; ; attempt++) {
      try {
        budget.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HubSpotError(HubSpotError.Kind.UNAVAILABLE, 0, "interrupted while waiting for the HubSpot budget", null);
      } catch (BudgetUnavailable noPermit) {
        // no permit, no call: to every caller (sync, provisioning, the deal owner's task) as HubSpot being unavailable
        throw new HubSpotError(HubSpotError.Kind.UNAVAILABLE, 0, noPermit.getMessage(), null);
      }
      try {
        ResponseEntity<T> response = call.get();
        metrics.call(operation, Integer.toString(response.getStatusCode().value()));
        observe(response.getHeaders());
        return response;
      } catch (HubSpotError e) {
        metrics.call(operation, Integer.toString(e.status()));
        metrics.failure(e.kind().name().toLowerCase());
        if (e.kind() == HubSpotError.Kind.RATE_LIMITED_WINDOW) {
          budget.pauseUntil(e.retryAt());
          if (attempt < WINDOW_TRIES) {
            continue;
          }
        }
        if (e.kind() == HubSpotError.Kind.AUTH && e.status() == 401 && !refreshed && tokens.invalidate()) {
          refreshed = true;              // an expired OAuth token: refresh once, then it is an incident
          continue;
        }
        if (e.kind() == HubSpotError.Kind.RATE_LIMITED_DAY) {
          budget.spentUntilTomorrow();
        }
        throw e;
      } catch (RetryableException noAnswer) {
        metrics.call(operation, "io");
        metrics.failure("unavailable");
        throw new HubSpotError(HubSpotError.Kind.UNAVAILABLE, 0, "no answer from HubSpot: " + noAnswer.getMessage(), null);
      }
    }
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

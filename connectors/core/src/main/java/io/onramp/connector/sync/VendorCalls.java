package io.onramp.connector.sync;

import feign.RetryableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a connector calls its CRM: the vendor's guard first (its budget or throttle), the call, a metric
 * for each answer ({@code onramp.crm.calls}, {@code onramp.crm.failures}), one credential refresh after a first
 * 401, and no answer at all turned into {@link VendorError.Kind#UNAVAILABLE}. A CRM that asks for less without saying
 * how long (Eloqua) also has a Resilience4j {@link CircuitBreaker} around each attempt; while it is open nothing is
 * sent. A CRM module supplies only its hooks: the guard, what an answer teaches the budget, how to refresh, what its
 * refusals mean and what an open breaker means to the caller.
 */
public abstract class VendorCalls {

  private final String vendor;
  private final SyncMetrics metrics;
  private final CircuitBreaker breaker;

  protected VendorCalls(String vendor, SyncMetrics metrics) {
    this(vendor, metrics, null);
  }

  /** @param breaker around every attempt (its own rules say which refusals open it), or null */
  protected VendorCalls(String vendor, SyncMetrics metrics, CircuitBreaker breaker) {
    this.vendor = vendor;
    this.metrics = metrics;
    this.breaker = breaker;
  }

  /**
   * Sends {@code call} (again when a hook says so) and returns its answer; {@code status} names an answer's
   * status for the metric, {@code observe} reads what the answer says about the budget.
   */
  protected final <T> T send(String operation, Supplier<T> call, Function<? super T, String> status, Consumer<? super T> observe) {
    boolean refreshed = false;
    for (int attempt = 1; ; attempt++) {
      guard();
      try {
        T answer = breaker == null ? call.get() : breaker.executeSupplier(call);
        metrics.call(operation, status.apply(answer));
        observe.accept(answer);
        return answer;
      } catch (VendorError e) {
        metrics.call(operation, e.status() == 0 ? "io" : Integer.toString(e.status()));
        metrics.failure(e.metricClass());
        if (e.expiredCredentials() && !refreshed && refreshCredentials()) {
          refreshed = true;                   // an expired token or session: once, then it is an incident
          continue;
        }
        if (tryAgain(e, attempt)) {
          continue;
        }
        throw refused(e);
      } catch (CallNotPermittedException open) {
        throw notPermitted(open);
      } catch (RetryableException noAnswer) {
        metrics.call(operation, "io");
        metrics.failure("unavailable");
        throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "no answer from " + vendor + ": " + noAnswer.getMessage());
      }
    }
  }

  /** Before every attempt: waits for, or refuses, the vendor's budget (throws when no call may go out). */
  protected abstract void guard();

  /** After a first 401: drop the token or session so the next attempt gets a fresh one; false when there is none to refresh. */
  protected abstract boolean refreshCredentials();

  /** Whether this refusal is worth another attempt now (after the hook has waited or paused as the vendor said). */
  protected boolean tryAgain(VendorError error, int attempt) {
    return false;
  }

  /** What the caller gets while the breaker is open: nothing was sent. */
  protected RuntimeException notPermitted(CallNotPermittedException open) {
    return new VendorError(VendorError.Kind.UNAVAILABLE, 0, open.getMessage());
  }

  /** What the caller gets for a refusal that is not tried again (the hook may tell the budget first). */
  protected RuntimeException refused(VendorError error) {
    return error;
  }
}

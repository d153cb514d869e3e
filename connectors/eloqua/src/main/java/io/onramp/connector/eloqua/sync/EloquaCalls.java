package io.onramp.connector.eloqua.sync;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.onramp.connector.eloqua.api.EloquaSession;
import io.onramp.connector.limit.BudgetSpent;
import io.onramp.connector.sync.SyncMetrics;
import io.onramp.connector.sync.VendorCalls;
import io.onramp.connector.sync.VendorError;
import java.net.URI;
import java.util.function.Function;

/**
 * Every Eloqua call goes through here ({@link VendorCalls}): the throttle's circuit breaker around each call, one
 * fresh token and instance lookup after a 401 (the instance may have moved), and 429/503 turned into a pause.
 */
public class EloquaCalls extends VendorCalls {

  private final EloquaSession session;
  private final EloquaThrottle throttle;

  public EloquaCalls(EloquaSession session, EloquaThrottle throttle, SyncMetrics metrics) {
    super("Eloqua", metrics, throttle.breaker());
    this.session = session;
    this.throttle = throttle;
  }

  /** Calls Eloqua at the instance's base URL. */
  public <T> T call(String operation, Function<URI, T> call) {
    return send(operation, () -> call.apply(session.base()), answer -> "2xx", answer -> { });
  }

  @Override
  protected void guard() {
    // no published limit: the breaker holds calls while Eloqua asks for less
  }

  @Override
  protected boolean refreshCredentials() {
    session.renew();
    return true;
  }

  @Override
  protected RuntimeException notPermitted(CallNotPermittedException open) {
    return BudgetSpent.holdOff("Eloqua asked for less (429/503): calls are held", throttle.reopensAt());
  }

  @Override
  protected RuntimeException refused(VendorError error) {
    if (error.kind() == VendorError.Kind.RATE_LIMITED || error.status() == 503) {
      return BudgetSpent.holdOff(error.getMessage(), throttle.reopensAt());
    }
    return error;
  }
}

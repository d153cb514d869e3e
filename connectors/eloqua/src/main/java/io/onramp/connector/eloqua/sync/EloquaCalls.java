package io.onramp.connector.eloqua.sync;

import io.onramp.connector.eloqua.api.EloquaSession;
import io.onramp.connector.limit.BudgetSpent;
import io.onramp.connector.sync.SyncMetrics;
import io.onramp.connector.sync.VendorCalls;
import io.onramp.connector.sync.VendorError;
import java.net.URI;
import java.util.function.Function;

/**
 * Every Eloqua call goes through here ({@link VendorCalls}): the throttle first, one fresh token and instance
 * lookup after a 401 (the instance may have moved), and 429/503 turned into a pause.
 */
public class EloquaCalls extends VendorCalls {

  private final EloquaSession session;
  private final EloquaThrottle throttle;

  public EloquaCalls(EloquaSession session, EloquaThrottle throttle, SyncMetrics metrics) {
    super("Eloqua", metrics);
    this.session = session;
    this.throttle = throttle;
  }

  /** Calls Eloqua at the instance's base URL. */
  public <T> T call(String operation, Function<URI, T> call) {
    return send(operation, () -> call.apply(session.base()), answer -> "2xx", answer -> throttle.answered());
  }

  @Override
  protected void guard() {
    throttle.check();
  }

  @Override
  protected boolean refreshCredentials() {
    session.renew();
    return true;
  }

  @Override
  protected RuntimeException refused(VendorError error) {
    if (error.kind() == VendorError.Kind.RATE_LIMITED || error.status() == 503) {
      return BudgetSpent.holdOff(error.getMessage(), throttle.refused(error.status()));
    }
    if (error.kind() != VendorError.Kind.UNAVAILABLE) {
      throttle.answered();                  // a refusal is an answer: Eloqua is there
    }
    return error;
  }
}

package io.onramp.connector.eloqua.sync;

import feign.RetryableException;
import io.onramp.connector.eloqua.api.EloquaError;
import io.onramp.connector.eloqua.api.EloquaSession;
import io.onramp.connector.limit.BudgetSpent;
import io.onramp.connector.sync.SyncMetrics;
import java.net.URI;
import java.util.function.Function;

/**
 * Every Eloqua call goes through here: the throttle first, a metric per call, one fresh token and
 * instance lookup after a 401 (the instance may have moved), and 429/503 turned into a pause.
 */
public class EloquaCalls {

  private final EloquaSession session;
  private final EloquaThrottle throttle;
  private final SyncMetrics metrics;

  public EloquaCalls(EloquaSession session, EloquaThrottle throttle, SyncMetrics metrics) {
    this.session = session;
    this.throttle = throttle;
    this.metrics = metrics;
  }

  /** Calls Eloqua at the instance's base URL. */
  public <T> T call(String operation, Function<URI, T> call) {
    boolean renewed = false;
    while (true) {
      throttle.check();
      try {
        T result = call.apply(session.base());
        metrics.call(operation, "2xx");
        throttle.answered();
        return result;
      } catch (EloquaError e) {
        metrics.call(operation, e.status() == 0 ? "io" : Integer.toString(e.status()));
        metrics.failure(e.kind() == EloquaError.Kind.THROTTLED ? "rate_limited" : e.kind().name().toLowerCase());
        if (e.kind() == EloquaError.Kind.AUTH && e.status() == 401 && !renewed) {
          session.renew();
          renewed = true;
          continue;
        }
        if (e.kind() == EloquaError.Kind.THROTTLED || e.status() == 503) {
          throw BudgetSpent.holdOff(e.getMessage(), throttle.refused(e.status()));
        }
        if (e.kind() != EloquaError.Kind.UNAVAILABLE) {
          throttle.answered();
        }
        throw e;
      } catch (RetryableException noAnswer) {
        metrics.call(operation, "io");
        metrics.failure("unavailable");
        throw new EloquaError(EloquaError.Kind.UNAVAILABLE, 0, "no answer from Eloqua: " + noAnswer.getMessage());
      }
    }
  }
}

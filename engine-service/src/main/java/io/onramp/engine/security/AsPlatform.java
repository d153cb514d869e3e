package io.onramp.engine.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs the platform's own bookkeeping without the caller's Camunda authorization: a connector may report a failure and a
 * product may report usage; neither may read or change journeys itself. The caller's authentication is restored after.
 */
@Component
public class AsPlatform {

  private final IdentityService identity;

  AsPlatform(IdentityService identity) {
    this.identity = identity;
  }

  public <T> T call(Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }
}

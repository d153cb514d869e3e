package io.onramp.sandbox.hubspot;

import io.onramp.sandbox.Answer;
import io.onramp.sandbox.SandboxProperties;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;

/**
 * HubSpot's limits on one account: a 10-second rolling window and a day, told in the {@code X-HubSpot-RateLimit-*}
 * headers of every answer and, once spent, a 429 naming the policy. Not thread-safe: {@link HubSpotSim} holds the lock.
 */
final class HubSpotLimits {

  private final SandboxProperties.HubSpot account;
  private final Deque<Instant> window = new ArrayDeque<>();
  private long today;
  private long refused;

  HubSpotLimits(SandboxProperties.HubSpot account) {
    this.account = account;
  }

  void clear() {
    window.clear();
    today = 0;
    refused = 0;
  }

  /** Counts a call at {@code now}: null when it may be answered, else HubSpot's 429. */
  Answer take(Instant now) {
    while (!window.isEmpty() && window.peekFirst().isBefore(now.minusSeconds(10))) {
      window.pollFirst();
    }
    if (window.size() >= account.requestsPer10s() || today >= account.requestsPerDay()) {
      refused++;
      return refusal(today >= account.requestsPerDay() ? "DAILY" : "TEN_SECONDLY_ROLLING");
    }
    window.addLast(now);
    today++;
    return null;
  }

  long refused() {
    return refused;
  }

  static Answer refusal(String policy) {
    return Answer.json(429, Map.of("status", "error", "message", "You have reached your " + policy.toLowerCase() + " limit.",
        "errorType", "RATE_LIMIT", "correlationId", UUID.randomUUID().toString(), "policyName", policy, "category", "RATE_LIMITS"));
  }

  /** The answer with what is left of the window and the day. */
  Answer headers(Answer answer) {
    return answer.header("X-HubSpot-RateLimit-Max", Integer.toString(account.requestsPer10s()))
        .header("X-HubSpot-RateLimit-Remaining", Integer.toString(Math.max(0, account.requestsPer10s() - window.size())))
        .header("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
        .header("X-HubSpot-RateLimit-Daily", Long.toString(account.requestsPerDay()))
        .header("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, account.requestsPerDay() - today)));
  }
}

package io.onramp.connector.hubspot;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** HubSpot's rolling limit as HubSpot enforces it: N requests per 10 s per account, a 429 beyond, with its headers. */
class RateLimitedHubSpot implements ResponseDefinitionTransformerV2 {

  final int perWindow;
  final long windowMillis;
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  private final Deque<Long> arrivals = new ArrayDeque<>();
  /** Every request since the last reset, accepted or refused, by arrival (ms). */
  private final List<Long> all = new ArrayList<>();

  RateLimitedHubSpot(int perWindow, long windowMillis) {
    this.perWindow = perWindow;
    this.windowMillis = windowMillis;
  }

  @Override
  public String getName() {
    return "rate-limited-hubspot";
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    long now = System.currentTimeMillis();
    all.add(now);
    while (!arrivals.isEmpty() && arrivals.peekFirst() + windowMillis <= now) {
      arrivals.pollFirst();
    }
    if (arrivals.size() >= perWindow) {
      refused.incrementAndGet();
      return HubSpotStubs.tooManyRequests("TEN_SECONDLY_ROLLING", (int) windowMillis).build();
    }
    arrivals.addLast(now);
    accepted.incrementAndGet();
    return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
        .withHeader("X-HubSpot-RateLimit-Max", Integer.toString(perWindow))
        .withHeader("X-HubSpot-RateLimit-Remaining", Integer.toString(perWindow - arrivals.size()))
        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(windowMillis))
        .withBody(event.getRequest().getMethod().value().equals("PATCH")
            ? "{\"id\":\"1\",\"properties\":{},\"archived\":false}"
            : "{\"status\":\"COMPLETE\",\"results\":[],\"startedAt\":\"2026-11-23T01:00:00Z\",\"completedAt\":\"2026-11-23T01:00:00Z\"}")
        .build();
  }

  /** The most requests that arrived in any rolling window since the last reset. */
  synchronized int busiestWindow() {
    int most = 0;
    for (int i = 0, j = 0; i < all.size(); i++) {
      while (all.get(i) - all.get(j) >= windowMillis) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  synchronized void reset() {
    all.clear();
    arrivals.clear();
    accepted.set(0);
    refused.set(0);
  }
}

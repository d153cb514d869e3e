package io.onramp.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Webhooks are public (the connectors verify signatures), so each sender address gets a fixed
 * budget per minute; beyond it 429 with Retry-After. In memory, per gateway replica: a flood is
 * stopped at the door of each replica, which is what it is for. The sender is the real one
 * ({@link WebhookSender}): behind an ingress, the address the trusted ingress forwarded, not the
 * ingress's own — otherwise one anonymous flood would spend HubSpot's and Salesforce's budget too.
 */
@Component
class WebhookRateLimit implements GatewayFilter {

  private record Window(Instant start, int count) {
  }

  private final int perMinute;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private final WebhookSender senders;

  WebhookRateLimit(GatewayProperties properties) {
    this.perMinute = properties.webhooksPerMinute();
    this.senders = new WebhookSender(properties.trustedProxies());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    String sender = senders.of(exchange.getRequest()) + " " + exchange.getRequest().getPath();
    Instant now = clock.instant();
    Window window = windows.compute(sender, (key, w) -> w == null || !now.isBefore(w.start().plus(Duration.ofMinutes(1)))
        ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
    if (window.count() > perMinute) {
      long retry = Math.max(1, Duration.between(now, window.start().plus(Duration.ofMinutes(1))).toSeconds());
      exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
      exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retry));
      return exchange.getResponse().setComplete();
    }
    if (windows.size() > 10_000) {
      windows.entrySet().removeIf(e -> !now.isBefore(e.getValue().start().plus(Duration.ofMinutes(1))));
    }
    return chain.filter(exchange);
  }
}

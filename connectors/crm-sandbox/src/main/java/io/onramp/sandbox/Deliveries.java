package io.onramp.sandbox;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Outgoing webhooks and Outbound Messages, delivered as the vendors do: at least once, retried
 * with growing pauses (1 s doubling to a minute, 50 attempts) until the receiver accepts. Each
 * attempt is built afresh (HubSpot signs every attempt with its own timestamp).
 */
@Component
public class Deliveries {

  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
  private static final int ATTEMPTS = 50;

  /** What the sandbox page shows of one delivery. */
  public static final class Delivery {
    public final String what;
    public final Instant createdAt = Instant.now();
    public volatile int attempts;
    public volatile int lastStatus;
    public volatile boolean delivered;

    Delivery(String what) {
      this.what = what;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "sandbox-deliveries");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Delivery> all = new ArrayList<>();

  /**
   * @param request  builds attempt n (0-based)
   * @param accepted whether an answer (status and body) means the receiver took it
   */
  public Delivery send(String what, IntFunction<HttpRequest> request, Predicate<HttpResponse<String>> accepted) {
    Delivery delivery = new Delivery(what);
    synchronized (all) {
      all.add(delivery);
    }
    executor.execute(() -> attempt(delivery, request, accepted));
    return delivery;
  }

  private void attempt(Delivery delivery, IntFunction<HttpRequest> request, Predicate<HttpResponse<String>> accepted) {
    int attempt = delivery.attempts++;
    try {
      HttpResponse<String> response = http.send(request.apply(attempt), HttpResponse.BodyHandlers.ofString());
      delivery.lastStatus = response.statusCode();
      if (accepted.test(response)) {
        delivery.delivered = true;
        log.info("{} delivered (attempt {})", delivery.what, attempt + 1);
        return;
      }
    } catch (Exception e) {
      delivery.lastStatus = 0;
    }
    if (delivery.attempts >= ATTEMPTS) {
      log.warn("{} given up after {} attempts", delivery.what, delivery.attempts);
      return;
    }
    long pause = Math.min(60_000, 1000L << Math.min(attempt, 6));
    log.info("{} not accepted (status {}); next attempt in {} ms", delivery.what, delivery.lastStatus, pause);
    executor.schedule(() -> attempt(delivery, request, accepted), pause, TimeUnit.MILLISECONDS);
  }

  public List<Delivery> all() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  public void clear() {
    synchronized (all) {
      all.clear();
    }
  }
}

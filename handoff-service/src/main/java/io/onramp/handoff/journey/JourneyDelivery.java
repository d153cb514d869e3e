package io.onramp.handoff.journey;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.onramp.processes.CustomerOnboarding;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drains the journey outbox until the engine confirms each message. The retry lives here (one
 * layer, exponential backoff, never giving up); the circuit breaker only stops us hammering an
 * engine that is down, and its refusals do not count as attempts. A claim's lease covers the slowest
 * delivery of its whole batch (every call at its timeout), so another replica never takes over a message
 * that is still being delivered; and should two deliver one start anyway, the engine starts one journey
 * and refuses the second, naming it — the next attempt finds that journey and takes it as delivered.
 */
@Component
class JourneyDelivery {

  private static final Logger log = LoggerFactory.getLogger(JourneyDelivery.class);

  private final JourneyOutbox outbox;
  private final EngineMessages engine;
  private final CircuitBreaker breaker;
  private final EngineProperties properties;

  /** Messages a claim takes; its lease is this many times the slowest delivery, plus a margin. */
  static final int BATCH = 5;

  private final Duration lease;

  JourneyDelivery(JourneyOutbox outbox, EngineMessages engine, CircuitBreakerRegistry breakers, EngineProperties properties,
                  @org.springframework.beans.factory.annotation.Value(
                      "${spring.cloud.openfeign.client.config.engine-messages.connect-timeout:2000}") long connectMillis,
                  @org.springframework.beans.factory.annotation.Value(
                      "${spring.cloud.openfeign.client.config.engine-messages.read-timeout:10000}") long readMillis) {
    this.outbox = outbox;
    this.engine = engine;
    this.breaker = breakers.circuitBreaker("engine");
    this.properties = properties;
    this.lease = leaseFor(Duration.ofMillis(connectMillis + readMillis));
  }

  /** A delivery is at most two calls (the lost-answer check, then the message), each up to its timeout. */
  static Duration leaseFor(Duration perCall) {
    return perCall.multipliedBy(2L * BATCH).plusSeconds(30);
  }

  @Scheduled(fixedDelayString = "${onramp.engine.delivery-every:1s}")
  void deliverDue() {
    for (JourneyOutbox.Pending message : outbox.claimDue(BATCH, lease)) {
      try {
        String instance = breaker.executeSupplier(() -> deliver(message));
        outbox.delivered(message.id(), instance);
        log.info("{} for handoff {} delivered (journey {})", message.messageName(), message.handoffId(), instance);
      } catch (CallNotPermittedException open) {
        outbox.release(message.id());
      } catch (RuntimeException e) {
        int attempts = message.attempts() + 1;
        Duration backoff = backoff(attempts);
        outbox.failed(message.id(), attempts, backoff, e.getMessage());
        log.warn("{} for handoff {} not delivered (attempt {}), next try in {}: {}", message.messageName(),
            message.handoffId(), attempts, backoff, e.getMessage());
      }
    }
  }

  private String deliver(JourneyOutbox.Pending message) {
    boolean start = message.messageName().equals(CustomerOnboarding.MESSAGE_HANDOFF_SUBMITTED);
    if (start && message.attempts() > 0) {
      // an earlier attempt may have started the journey and lost the answer: never start it twice
      List<Map<String, Object>> started = engine.journeys(message.handoffId(), CustomerOnboarding.PROCESS_ID, 10);
      if (!started.isEmpty()) {
        return String.valueOf(started.get(0).get("id"));
      }
    }
    Map<String, Object> correlation = new LinkedHashMap<>();
    correlation.put("messageName", message.messageName());
    correlation.put("businessKey", message.handoffId());
    correlation.put("processVariables", message.variables());
    correlation.put("resultEnabled", true);
    if (!start) {
      correlation.put("all", true);        // a repeated HandoffRevised finds no waiting journey and changes nothing
    }
    List<Map<String, Object>> results = engine.correlate(correlation);
    return results.stream().map(r -> r.get("processInstance") instanceof Map<?, ?> pi ? String.valueOf(pi.get("id"))
        : r.get("execution") instanceof Map<?, ?> ex ? String.valueOf(ex.get("processInstanceId")) : null)
        .filter(id -> id != null).findFirst().orElse(null);
  }

  private Duration backoff(int attempts) {
    Duration delay = Duration.ofSeconds(1L << Math.min(attempts, 16));
    return delay.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : delay;
  }
}

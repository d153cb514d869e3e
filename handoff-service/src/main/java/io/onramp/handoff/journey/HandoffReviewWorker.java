package io.onramp.handoff.journey;

import io.onramp.handoff.handoff.HandoffNotFound;
import io.onramp.handoff.handoff.HandoffService;
import io.onramp.processes.CustomerOnboarding;
import io.onramp.web.BackgroundPoller;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works topic {@value CustomerOnboarding#TOPIC_HANDOFF_REVIEW}: the journey reports the CS lead's
 * decision (accepted, or revision requested with comments) and this service records it on the
 * handoff. Long-polls the engine on a {@link BackgroundPoller}; an unknown handoff becomes an incident, engine errors a pause.
 */
@Component
class HandoffReviewWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HandoffReviewWorker.class);
  private static final String WORKER_ID = "handoff-service";

  private final EngineExternalTasks engine;
  private final HandoffService handoffs;
  private final EngineProperties properties;
  private final BackgroundPoller poller = new BackgroundPoller("handoff-review", this::workOnce);

  HandoffReviewWorker(EngineExternalTasks engine, HandoffService handoffs, EngineProperties properties) {
    this.engine = engine;
    this.handoffs = handoffs;
    this.properties = properties;
  }

  void workOnce() {
    List<Map<String, Object>> tasks = engine.fetchAndLock(Map.of("workerId", WORKER_ID, "maxTasks", 10,
        "asyncResponseTimeout", 20_000, "topics", List.of(Map.of("topicName", CustomerOnboarding.TOPIC_HANDOFF_REVIEW,
            "lockDuration", 60_000, "variables", List.of(CustomerOnboarding.HANDOFF_ACCEPTED, CustomerOnboarding.REVISION_COMMENTS,
                CustomerOnboarding.HANDOFF_REVIEWED_BY)))));
    for (Map<String, Object> task : tasks) {
      String id = String.valueOf(task.get("id"));
      String handoffId = String.valueOf(task.get("businessKey"));
      Map<?, ?> variables = (Map<?, ?>) task.getOrDefault("variables", Map.of());
      try {
        Object reviewer = value(variables, CustomerOnboarding.HANDOFF_REVIEWED_BY);
        handoffs.recordReview(handoffId, Boolean.TRUE.equals(value(variables, CustomerOnboarding.HANDOFF_ACCEPTED)),
            (String) value(variables, CustomerOnboarding.REVISION_COMMENTS), reviewer == null ? "cs-lead" : reviewer.toString());
        engine.complete(id, Map.of("workerId", WORKER_ID));
        log.info("handoff {}: review recorded ({})", handoffId,
            Boolean.TRUE.equals(value(variables, CustomerOnboarding.HANDOFF_ACCEPTED)) ? "accepted" : "revision requested");
      } catch (HandoffNotFound unknown) {
        engine.failure(id, Map.of("workerId", WORKER_ID, "retries", 0, "retryTimeout", 0,
            "errorMessage", io.onramp.web.TextRule.sanitize("handoff-service knows no handoff '" + handoffId + "' (the journey's business key)")));
      }
    }
  }

  private static Object value(Map<?, ?> variables, String name) {
    return variables.get(name) instanceof Map<?, ?> typed ? typed.get("value") : null;
  }

  @Override
  public void start() {
    if (properties.reviewWorker()) {
      poller.start();
    }
  }

  @Override
  public void stop() {
    poller.stop(Duration.ofSeconds(5), true);     // an abandoned long poll loses nothing: the lock expires
  }

  @Override
  public boolean isRunning() {
    return poller.isRunning();
  }
}

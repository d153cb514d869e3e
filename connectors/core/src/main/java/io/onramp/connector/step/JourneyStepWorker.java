package io.onramp.connector.step;

import io.onramp.web.BackgroundPoller;
import io.onramp.connector.sync.ConnectorProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A thin worker for one journey-step topic: long-polls the engine, hands each task to its
 * handler, then does exactly one of complete, bpmnError or failure. Failures count down the
 * task's retries ({@code maxRetries} at first) with a doubling backoff; at 0 the engine raises an
 * incident with the handler's message. A handler that knows retrying cannot help raises the incident at once.
 */
public class JourneyStepWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JourneyStepWorker.class);

  private final ExternalTaskApi engine;
  private final JourneyStepHandler handler;
  private final ConnectorProperties properties;
  private final int maxRetries;
  private final Duration firstBackoff;
  private final String workerId;
  private final BackgroundPoller poller;

  public JourneyStepWorker(ExternalTaskApi engine, JourneyStepHandler handler, ConnectorProperties properties,
                           int maxRetries, Duration firstBackoff) {
    this.engine = engine;
    this.handler = handler;
    this.properties = properties;
    this.maxRetries = maxRetries;
    this.firstBackoff = firstBackoff;
    this.workerId = (properties.workerId() == null ? "connector" : properties.workerId()) + ":" + handler.topic();
    this.poller = new BackgroundPoller(handler.topic() + "-worker", () -> workOnce(properties.longPoll()));
  }

  /** One fetch (waiting up to {@code wait} for work) and the handling of what came; returns the number of tasks. */
  public int workOnce(Duration wait) {
    List<LockedStep> steps = engine.fetchAndLock(Map.of("workerId", workerId, "maxTasks", 10,
        "asyncResponseTimeout", wait.toMillis(), "topics", List.of(Map.of("topicName", handler.topic(),
            "lockDuration", properties.lease().toMillis(), "variables", handler.variables()))));
    for (LockedStep step : steps) {
      StepResult result;
      try {
        result = handler.handle(step);
      } catch (RuntimeException e) {
        result = new StepResult.Failure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
      switch (result) {
        case StepResult.Complete complete -> engine.complete(step.id(), Map.of("workerId", workerId, "variables", complete.variables()));
        case StepResult.BusinessError error -> engine.bpmnError(step.id(), Map.of("workerId", workerId,
            "errorCode", error.code(), "errorMessage", io.onramp.web.TextRule.sanitize(String.valueOf(error.message()))));
        case StepResult.Failure failure -> fail(step, failure.message(), false);
        case StepResult.Incident incident -> fail(step, incident.message(), true);
      }
    }
    return steps.size();
  }

  private void fail(LockedStep step, String message, boolean now) {
    int retries = now ? 0 : (step.retries() == null ? maxRetries : step.retries()) - 1;
    long backoff = retries <= 0 ? 0 : firstBackoff.multipliedBy(1L << Math.min(maxRetries - 1 - retries, 16)).toMillis();
    Map<String, Object> failure = new HashMap<>(Map.of("workerId", workerId, "retries", Math.max(retries, 0),
        "retryTimeout", backoff, "errorMessage", io.onramp.web.TextRule.sanitize(message.length() > 600 ? message.substring(0, 600) : message)));
    engine.failure(step.id(), failure);
    log.warn("{} step {} of {} failed ({} retries left): {}", handler.topic(), step.activityId(), step.businessKey(),
        Math.max(retries, 0), message);
  }

  @Override
  public void start() {
    if (properties.enabled()) {
      poller.start();
    }
  }

  /** Interrupts the long poll at once: a task fetched but not handled is simply fetched again after its lock. */
  @Override
  public void stop() {
    poller.stop(Duration.ofSeconds(10), true);
  }

  @Override
  public boolean isRunning() {
    return poller.isRunning();
  }
}

package io.onramp.connector.step;

import io.onramp.web.TextRule;
import java.time.Duration;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journey-step handler on Camunda's external task client: each step's {@link StepResult} becomes
 * exactly one of complete, BPMN error or failure. Failures count down the step's retries
 * ({@code maxRetries} at first) with a doubling backoff from {@code firstBackoff}; at 0 the engine raises
 * an incident with the handler's message. A handler that knows retrying cannot help raises it at once.
 * A handler that throws is a failure with the exception's message. Subscribe it with
 * {@code @ExternalTaskSubscription} on its bean.
 */
public final class StepOutcomes implements ExternalTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(StepOutcomes.class);
  private static final int MAX_MESSAGE = 600;

  private final JourneyStepHandler handler;
  private final int maxRetries;
  private final Duration firstBackoff;

  public StepOutcomes(JourneyStepHandler handler, int maxRetries, Duration firstBackoff) {
    this.handler = handler;
    this.maxRetries = maxRetries;
    this.firstBackoff = firstBackoff;
  }

  @Override
  public void execute(ExternalTask step, ExternalTaskService engine) {
    StepResult result;
    try {
      result = handler.handle(step);
    } catch (RuntimeException e) {
      result = new StepResult.Failure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    switch (result) {
      case StepResult.Complete complete -> engine.complete(step, complete.variables(), null);
      case StepResult.BusinessError error -> engine.handleBpmnError(step, error.code(), clean(error.message()));
      case StepResult.Failure failure -> fail(step, engine, failure.message(), false);
      case StepResult.Incident incident -> fail(step, engine, incident.message(), true);
    }
  }

  private void fail(ExternalTask step, ExternalTaskService engine, String message, boolean now) {
    int retries = now ? 0 : Math.max((step.getRetries() == null ? maxRetries : step.getRetries()) - 1, 0);
    long backoff = retries == 0 ? 0 : firstBackoff.multipliedBy(1L << Math.min(maxRetries - 1 - retries, 16)).toMillis();
    engine.handleFailure(step, clean(message), null, retries, backoff);
    log.warn("{} step {} of {} failed ({} retries left): {}", step.getTopicName(), step.getActivityId(), step.getBusinessKey(),
        retries, message);
  }

  private static String clean(String message) {
    String text = String.valueOf(message);
    return TextRule.sanitize(text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text);
  }
}

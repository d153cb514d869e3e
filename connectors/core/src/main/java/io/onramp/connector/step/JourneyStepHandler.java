package io.onramp.connector.step;

import org.camunda.bpm.client.task.ExternalTask;

/**
 * Works one external-task topic of the journeys (e.g. {@code marketing-journey}): what to do with a
 * step, as one {@link StepResult}. {@link StepOutcomes} turns that result into the engine's answer.
 */
public interface JourneyStepHandler {

  StepResult handle(ExternalTask step);
}

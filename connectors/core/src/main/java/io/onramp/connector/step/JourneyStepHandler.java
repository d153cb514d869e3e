package io.onramp.connector.step;

import java.util.List;

/** Works one external-task topic of the journeys (e.g. {@code marketing-journey}). */
public interface JourneyStepHandler {

  String topic();

  /** Variables to fetch with each task (fetching all of them is wasteful). */
  List<String> variables();

  StepResult handle(LockedStep step);
}

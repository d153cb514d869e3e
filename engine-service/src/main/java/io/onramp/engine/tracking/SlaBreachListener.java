package io.onramp.engine.tracking;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/** A non-interrupting timer on a user task fired: the step missed its SLA. */
class SlaBreachListener implements ExecutionListener {

  private final JourneyTracker tracker;
  private final String stepId;

  SlaBreachListener(JourneyTracker tracker, String stepId) {
    this.tracker = tracker;
    this.stepId = stepId;
  }

  @Override
  public void notify(DelegateExecution execution) {
    tracker.slaBreached(execution, stepId);
  }
}

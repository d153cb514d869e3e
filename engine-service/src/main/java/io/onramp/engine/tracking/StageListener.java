package io.onramp.engine.tracking;

import io.onramp.processes.Stage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/** Entering a marked activity enters its stage. */
class StageListener implements ExecutionListener {

  private final JourneyTracker tracker;
  private final Stage stage;

  StageListener(JourneyTracker tracker, Stage stage) {
    this.tracker = tracker;
    this.stage = stage;
  }

  @Override
  public void notify(DelegateExecution execution) {
    tracker.enterStage(execution, stage);
  }
}

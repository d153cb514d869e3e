package io.onramp.engine.tracking;

import io.onramp.processes.Stage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Entering a marked activity enters its stage. With {@code onramp.stage.date} the stage is dated by
 * the business date the journey recorded in that variable (a first-value date) rather than by the
 * click; on a user task, whose date is recorded only when it completes, the stage is re-dated then.
 */
class StageListener implements ExecutionListener, TaskListener {

  private final JourneyTracker tracker;
  private final Stage stage;
  private final String dateVariable;

  StageListener(JourneyTracker tracker, Stage stage, String dateVariable) {
    this.tracker = tracker;
    this.stage = stage;
    this.dateVariable = dateVariable;
  }

  @Override
  public void notify(DelegateExecution execution) {
    tracker.enterStage(execution, stage, dateVariable);
  }

  /** The user task that entered the stage completes: its recorded date dates the stage. */
  @Override
  public void notify(DelegateTask task) {
    tracker.redateStage(task.getExecution(), stage, dateVariable);
  }

  boolean dated() {
    return dateVariable != null;
  }
}

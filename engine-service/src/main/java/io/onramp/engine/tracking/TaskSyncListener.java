package io.onramp.engine.tracking;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Mirrors user tasks of CRM-linked onboardings: created or assigned (open), completed, cancelled. */
class TaskSyncListener implements TaskListener {

  private final JourneyTracker tracker;
  private final TaskSnapshots tasks;

  TaskSyncListener(JourneyTracker tracker, TaskSnapshots tasks) {
    this.tracker = tracker;
    this.tasks = tasks;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskSnapshot.Status status = switch (task.getEventName()) {
      case EVENTNAME_COMPLETE -> TaskSnapshot.Status.COMPLETED;
      case EVENTNAME_DELETE -> TaskSnapshot.Status.CANCELLED;
      default -> TaskSnapshot.Status.OPEN;
    };
    if (task.getExecution() != null) {
      tracker.taskChanged(tasks.of(task, status), task.getExecution());
    }
  }
}

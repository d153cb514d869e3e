package io.onramp.engine.plays;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Reads each user task's RACI ({@link Raci}) at deployment — any BPMN, ours or a designer's — refusing unknown roles, and
 * has the Informed told through a CRM task when the step completes ("Done: step").
 */
class RaciParseListener extends AbstractBpmnParseListener {

  private final InformPeople inform;

  RaciParseListener(InformPeople inform) {
    this.inform = inform;
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    Raci raci = Raci.of(element, activity.getId());
    if (raci.isEmpty()) {
      return;
    }
    activity.setProperty(Raci.PROPERTY, raci.asProperty());
    if (!raci.informed().isEmpty()) {
      ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
          .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, new InformedOnCompletion(raci));
    }
  }

  private final class InformedOnCompletion implements TaskListener {
    private final Raci raci;

    InformedOnCompletion(Raci raci) {
      this.raci = raci;
    }

    @Override
    public void notify(DelegateTask task) {
      if (task.getExecution() != null) {
        inform.tell(task.getExecution(), raci.informed(), "Done: " + task.getName(), task.getId());
      }
    }
  }
}

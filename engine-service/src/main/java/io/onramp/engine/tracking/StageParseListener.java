package io.onramp.engine.tracking;

import io.onramp.processes.Stage;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Reads {@code <camunda:property name="onramp.stage" value="…"/>} on any flow node and attaches the
 * stage listener to its start; attaches the task sync listener to every user task. An unknown
 * stage value fails the deployment, naming the element and the allowed values. A non-interrupting
 * timer on a user task is that step's SLA; its firing is recorded as an SLA breach. A process with stages
 * is a journey, started at most once per business key.
 */
class StageParseListener extends AbstractBpmnParseListener {

  private final JourneyTracker tracker;
  private final TaskSyncListener taskListener;
  private final OneJourneyPerHandoff oneJourney;

  StageParseListener(JourneyTracker tracker, TaskSyncListener taskListener, OneJourneyPerHandoff oneJourney) {
    this.tracker = tracker;
    this.taskListener = taskListener;
    this.oneJourney = oneJourney;
  }

  /** A process with stages is a journey: one per business key ({@link OneJourneyPerHandoff}). Called after its elements. */
  @Override
  public void parseProcess(Element element, org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity process) {
    if (hasStages(process)) {
      process.addListener(ExecutionListener.EVENTNAME_START, oneJourney);
    }
  }

  private static boolean hasStages(ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getListeners(ExecutionListener.EVENTNAME_START).stream().anyMatch(StageListener.class::isInstance)
          || hasStages(activity)) {
        return true;
      }
    }
    return false;
  }

  /** The stage marked on the element (with the variable that dates it, if any); null when unmarked. */
  private StageListener track(Element element, ActivityImpl activity) {
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties == null) {
      return null;
    }
    Stage stage = null;
    String dateVariable = null;
    for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
      String value = property.attribute("value");
      if (Stage.PROPERTY.equals(property.attribute("name"))) {
        stage = Stage.parse(value)
            .orElseThrow(() -> new InvalidStageMarking(activity.getId(), value, Arrays.toString(Stage.values()), property));
      } else if (Stage.DATE_PROPERTY.equals(property.attribute("name")) && value != null && !value.isBlank()) {
        dateVariable = value.trim();
      }
    }
    if (stage == null) {
      return null;
    }
    StageListener listener = new StageListener(tracker, stage, dateVariable);
    activity.addListener(ExecutionListener.EVENTNAME_START, listener);
    return listener;
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    StageListener stage = track(element, activity);
    TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    if (stage != null && stage.dated()) {
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, stage);
    }
    for (String event : new String[] {TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
        TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE}) {
      task.addBuiltInTaskListener(event, taskListener);
    }
  }

  @Override public void parseStartEvent(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseExclusiveGateway(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseInclusiveGateway(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseParallelGateway(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseEventBasedGateway(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseScriptTask(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseServiceTask(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseBusinessRuleTask(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseTask(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseManualTask(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseSendTask(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseReceiveTask(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseEndEvent(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseSubProcess(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseCallActivity(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseIntermediateThrowEvent(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }
  @Override public void parseIntermediateCatchEvent(Element e, ScopeImpl s, ActivityImpl a) { track(e, a); }

  /** A non-interrupting timer on a user task is that step's SLA: its firing is recorded as a breach. */
  @Override
  public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(element, activity);
    String step = element.attribute("attachedToRef");
    ActivityImpl attached = step == null ? null : scope.getProcessDefinition().findActivity(step);
    if ("false".equals(element.attribute("cancelActivity")) && element.element("timerEventDefinition") != null
        && attached != null && attached.getActivityBehavior() instanceof UserTaskActivityBehavior) {
      activity.addListener(ExecutionListener.EVENTNAME_START, new SlaBreachListener(tracker, step));
    }
  }
}

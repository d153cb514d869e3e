package io.onramp.engine.exit;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Gives every user task its exit criteria: the required fields of its Camunda Form, read when the
 * task completes, plus the variables a designer lists in the task's
 * {@code <camunda:property name="onramp.exit.required" value="a, b"/>} (the element template "Exit
 * criteria" sets it).
 */
class ExitCriteriaParseListener extends AbstractBpmnParseListener {

  static final String PROPERTY = "onramp.exit.required";

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
        .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, new ExitCriteria(declared(element)));
  }

  private static Set<String> declared(Element task) {
    Set<String> names = new LinkedHashSet<>();
    Element extensions = task.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties != null) {
      for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
        if (PROPERTY.equals(property.attribute("name")) && property.attribute("value") != null) {
          Arrays.stream(property.attribute("value").split(",")).map(String::trim).filter(n -> !n.isEmpty()).forEach(names::add);
        }
      }
    }
    return names;
  }
}

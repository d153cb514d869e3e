package io.onramp.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/** The standard journey marks every stage CRM admins see, each on the element that enters it. */
class StageMarkingTest {

  @Test
  void shouldMarkEveryStageExactlyOnceWithAValidValue() {
    BpmnModelInstance model = Bpmn.readModelFromStream(
        getClass().getResourceAsStream("/onramp/processes/customer-onboarding.bpmn"));

    Map<Stage, String> marked = new LinkedHashMap<>();
    for (CamundaProperty property : model.getModelElementsByType(CamundaProperty.class)) {
      if (Stage.PROPERTY.equals(property.getCamundaName())) {
        Stage stage = Stage.parse(property.getCamundaValue())
            .orElseThrow(() -> new AssertionError("invalid stage " + property.getCamundaValue()));
        FlowNode node = (FlowNode) property.getParentElement().getParentElement().getParentElement();
        assertThat(marked.put(stage, node.getId())).as("stage %s marked twice", stage).isNull();
      }
    }

    assertThat(marked).containsOnlyKeys(Stage.values())
        .containsEntry(Stage.HANDOFF, "Task_ReviewHandoff")
        .containsEntry(Stage.FIRST_VALUE, "Event_FirstValueReached")
        .containsEntry(Stage.STEADY_STATE, "Event_SteadyState")
        .containsEntry(Stage.CANCELLED, "Event_Cancelled");
  }
}

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

  /** The designers' lint rule (processes/lint) and the element templates offer exactly the stages the engine knows. */
  @Test
  void shouldOfferDesignersTheStagesTheEngineKnows() throws Exception {
    String rule = java.nio.file.Files.readString(java.nio.file.Path.of("lint/bpmnlint-plugin-onramp/rules/stage-values.js"));
    java.util.regex.Matcher list = java.util.regex.Pattern.compile("const STAGES = \\[([^\\]]*)]").matcher(rule);
    assertThat(list.find()).as("STAGES in stage-values.js").isTrue();
    assertThat(list.group(1).replaceAll("[' ]", "").split(",")).containsExactly(
        java.util.Arrays.stream(Stage.values()).map(Enum::name).toArray(String[]::new));

    String template = java.nio.file.Files.readString(java.nio.file.Path.of("element-templates/onramp-stage.json"));
    for (Stage stage : Stage.values()) {
      assertThat(template).as("the Onramp stage template offers %s", stage).contains("\"value\": \"" + stage.name() + "\"");
    }
  }
}

package io.onramp.engine.exit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * The required fields of a task's deployed Camunda Form ({@code camunda:formRef}, or a
 * {@code camunda-forms:deployment:…} form key), read in the engine's own transaction, without the
 * caller's authorizations (the rule is the model's, not the caller's). A field shown only under a
 * condition ({@code conditional}) is not enforced: whether it is shown is the form's FEEL to decide.
 * Inside a group with a {@code path} the field's variable is nested, and is not enforced either.
 * Tasks with other forms (embedded HTML, generated) or none have no form requirements.
 */
final class FormRequirements {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAMUNDA_FORMS = "camunda-forms:deployment:";

  private FormRequirements() {}

  /** Field key → label, in the form's order. */
  static Map<String, String> of(String taskId) {
    CommandContext context = Context.getCommandContext();
    TaskFormData form = context.runWithoutAuthorization(new GetTaskFormCmd(taskId));
    boolean camundaForm = form.getCamundaFormRef() != null && form.getCamundaFormRef().getKey() != null
        || form.getFormKey() != null && form.getFormKey().startsWith(CAMUNDA_FORMS);
    if (!camundaForm) {
      return Map.of();
    }
    try (InputStream json = context.runWithoutAuthorization(new GetDeployedTaskFormCmd(taskId))) {
      Map<String, String> required = new LinkedHashMap<>();
      collect(JSON.readTree(json).path("components"), required);
      return required;
    } catch (IOException e) {
      throw new IllegalStateException("the Camunda Form of task " + taskId + " is not readable JSON: " + e.getMessage(), e);
    }
  }

  private static void collect(JsonNode components, Map<String, String> required) {
    for (JsonNode component : components) {
      if (component.has("conditional")) {
        continue;
      }
      if (component.path("validate").path("required").asBoolean(false) && component.hasNonNull("key")) {
        String label = component.path("label").asText(component.path("dateLabel").asText(null));
        required.put(component.get("key").asText(), label);
      }
      boolean nested = component.hasNonNull("path") || "dynamiclist".equals(component.path("type").asText());
      if (component.has("components") && !nested) {
        collect(component.get("components"), required);
      }
    }
  }
}

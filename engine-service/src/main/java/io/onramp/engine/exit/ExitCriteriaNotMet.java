package io.onramp.engine.exit;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task completed without its exit criteria. A form validation failure to Camunda, so its REST API
 * answers 400 ("Cannot complete task …: …") for {@code complete} and {@code submit-form} alike.
 */
public class ExitCriteriaNotMet extends FormFieldValidationException {

  /** @param label the form field's label, null for a variable the designer declared */
  public record Missing(String field, String label) {
    @Override
    public String toString() {
      return label == null ? field : field + " (" + label + ")";
    }
  }

  private final transient List<Missing> missing;

  ExitCriteriaNotMet(String task, List<Missing> missing) {
    super(missing.stream().map(Missing::field).toList(), "exit criteria of '" + task + "' not met, missing: "
        + missing.stream().map(Missing::toString).collect(Collectors.joining(", ")));
    this.missing = List.copyOf(missing);
  }

  public List<Missing> missing() {
    return missing;
  }
}

package io.onramp.engine.exit;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task completed without its exit criteria. A form validation failure to Camunda, so its REST API
 * answers 400 ("Cannot complete task …: …") for {@code complete} and {@code submit-form} alike.
 */
public class ExitCriteriaNotMet extends FormFieldValidationException {

  /**
   * @param label  the form field's label, null for a variable the designer declared
   * @param reason why the value is refused, null when it is missing
   */
  public record Missing(String field, String label, String reason) {
    Missing(String field, String label) {
      this(field, label, null);
    }

    @Override
    public String toString() {
      return reason != null ? field + ": " + reason : label == null ? field : field + " (" + label + ")";
    }
  }

  private final transient List<Missing> missing;

  private ExitCriteriaNotMet(String message, List<Missing> missing) {
    super(missing.stream().map(Missing::field).toList(), message);
    this.missing = List.copyOf(missing);
  }

  static ExitCriteriaNotMet missing(String task, List<Missing> missing) {
    return new ExitCriteriaNotMet("exit criteria of '" + task + "' not met, missing: "
        + missing.stream().map(Missing::toString).collect(Collectors.joining(", ")), missing);
  }

  /** A value the step's completion cannot act on (a play refusing the CS lead's choice): refused like a missing one, 400. */
  public static ExitCriteriaNotMet refused(String task, String field, String reason) {
    return new ExitCriteriaNotMet("'" + task + "' cannot complete: " + field + ": " + reason, List.of(new Missing(field, null, reason)));
  }

  public List<Missing> missing() {
    return missing;
  }
}

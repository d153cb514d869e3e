package io.onramp.connector.step;

import java.util.Map;

/** Exactly one of the things a journey-step worker does with a step. */
public sealed interface StepResult {

  /** The step is done; the variables (plain values, typed by the client) go back to the journey. */
  record Complete(Map<String, Object> variables) implements StepResult {
  }

  /** A business outcome the model handles (an error boundary event with this code). */
  record BusinessError(String code, String message) implements StepResult {
  }

  /** A technical failure: retried with backoff until the retries run out, then an incident with this message. */
  record Failure(String message) implements StepResult {
  }

  /** Retrying cannot help (the vendor refused the data, the configuration is wrong): an incident with this message now. */
  record Incident(String message) implements StepResult {
  }

  static StepResult complete() {
    return new Complete(Map.of());
  }
}

package io.onramp.connector.step;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** An external task as the engine's fetchAndLock returns it (the fields a handler needs). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LockedStep(String id, String topicName, String businessKey, String processInstanceId, String activityId,
                         Integer retries, Map<String, Map<String, Object>> variables) {

  public LockedStep {
    variables = variables == null ? Map.of() : variables;
  }

  /** A variable's value, or null. */
  public Object variable(String name) {
    Map<String, Object> typed = variables.get(name);
    return typed == null ? null : typed.get("value");
  }
}

package io.onramp.engine.exit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A user task's exit criteria: every required field of its deployed Camunda Form (the form is the
 * single source of truth — a designer changes the form, the rule follows) and every variable the
 * designer declared must have a value (not null, not blank). As the task's complete listener it is
 * the rule for every path that completes a task; {@link EarlyRefusal} asks it first for the commands
 * people complete tasks with, so they are refused before anything runs.
 */
final class ExitCriteria implements TaskListener {

  private final Set<String> declared;

  ExitCriteria(Set<String> declared) {
    this.declared = Set.copyOf(declared);
  }

  @Override
  public void notify(DelegateTask task) {
    if (EarlyRefusal.checked(task.getId())) {
      return;                                  // this very completion was checked before it ran
    }
    List<ExitCriteriaNotMet.Missing> missing = missing(task.getId(), task::getVariable);
    if (!missing.isEmpty()) {
      throw ExitCriteriaNotMet.missing(nameOf(task), missing);
    }
  }

  /** What task {@code taskId} still misses, reading each variable's value with {@code value}. */
  List<ExitCriteriaNotMet.Missing> missing(String taskId, Function<String, Object> value) {
    Map<String, String> required = new LinkedHashMap<>(FormRequirements.of(taskId));
    declared.forEach(name -> required.putIfAbsent(name, null));
    List<ExitCriteriaNotMet.Missing> missing = new ArrayList<>();
    required.forEach((name, label) -> {
      if (blank(value.apply(name))) {
        missing.add(new ExitCriteriaNotMet.Missing(name, label));
      }
    });
    return missing;
  }

  static String nameOf(DelegateTask task) {
    return task.getName() != null ? task.getName() : task.getTaskDefinitionKey();
  }

  private static boolean blank(Object value) {
    Object plain = value instanceof TypedValue typed ? typed.getValue() : value;
    return plain == null || plain instanceof CharSequence text && text.toString().isBlank();
  }
}

package io.onramp.engine.exit;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Before a task is completed ({@code complete}, {@code submit-form}; REST, webapps, Java) asks the
 * task's {@link ExitCriteria} in a read of its own and refuses a completion that misses a field
 * before the completion runs: a form validation failure, which Camunda's REST API answers 400 and
 * its engine does not log as an error (a CSM's missing field is no incident). Outside the command
 * context (a pre-interceptor). When a command's fields cannot be read (a Camunda upgrade) it lets
 * the completion run, and the task's complete listener refuses it all the same.
 */
final class EarlyRefusal extends CommandInterceptor {

  private record Completion(String taskId, Map<String, Object> submitted) {
  }

  /** The task this thread's completion was checked for already (its complete listener need not read the form again). */
  private static final ThreadLocal<String> CHECKED = new ThreadLocal<>();

  static boolean checked(String taskId) {
    return taskId != null && taskId.equals(CHECKED.get());
  }

  @Override
  public <T> T execute(Command<T> command) {
    Completion completion = completionOf(command);
    if (completion != null) {
      ExitCriteriaNotMet refused = next.execute(context -> {
        TaskEntity task = context.getTaskManager().findTaskById(completion.taskId());
        if (task == null || task.getTaskDefinition() == null) {
          return null;                                   // the completion itself says what is wrong
        }
        for (TaskListener listener : task.getTaskDefinition().getBuiltinTaskListenersForEvent(TaskListener.EVENTNAME_COMPLETE)) {
          if (listener instanceof ExitCriteria criteria) {
            List<ExitCriteriaNotMet.Missing> missing = criteria.missing(task.getId(), name ->
                completion.submitted().containsKey(name) ? completion.submitted().get(name) : task.getVariable(name));
            return missing.isEmpty() ? null : ExitCriteriaNotMet.missing(ExitCriteria.nameOf(task), missing);
          }
        }
        return null;
      });
      if (refused != null) {
        throw refused;
      }
      String outer = CHECKED.get();
      CHECKED.set(completion.taskId());
      try {
        return next.execute(command);
      } finally {
        CHECKED.set(outer);
      }
    }
    return next.execute(command);
  }

  @SuppressWarnings("unchecked")
  private static Completion completionOf(Command<?> command) {
    try {
      if (command instanceof CompleteTaskCmd) {
        return new Completion((String) field(CompleteTaskCmd.class, "taskId", command),
            orEmpty((Map<String, Object>) field(CompleteTaskCmd.class, "variables", command)));
      }
      if (command instanceof SubmitTaskFormCmd) {
        return new Completion((String) field(SubmitTaskFormCmd.class, "taskId", command),
            orEmpty((Map<String, Object>) field(SubmitTaskFormCmd.class, "properties", command)));
      }
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return null;                                       // the complete listener still holds the rule
    }
    return null;
  }

  private static Map<String, Object> orEmpty(Map<String, Object> variables) {
    return variables == null ? Map.of() : variables;
  }

  private static Object field(Class<?> owner, String name, Object command) throws ReflectiveOperationException {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(command);
  }
}

package io.onramp.engine.security;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ExternalTaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractSetExternalTaskRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.ExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.GetExternalTaskErrorDetailsCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockExternalTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;

/**
 * Inside the engine, for every door: a worker's service account may only fetch, lock, complete, fail,
 * raise BPMN errors on, extend or release tasks of its own topics ({@code journey-starter} works
 * {@code handoff-review}, {@code sync-eloqua} works {@code marketing-journey}) and nothing else about
 * external tasks; people may not work external tasks at all. Administrators may do anything; calls
 * without an authenticated user (job executor, Onramp's own code) are the engine's own.
 */
final class WorkerTopics extends CommandInterceptor {

  static final Map<String, String> TOPIC_BY_ROLE = Map.of("journey-starter", "handoff-review", "sync-eloqua", "marketing-journey");
  static final Set<String> ADMINS = Set.of("onramp-admin", SecurityConfig.ADMIN_GROUP);

  @Override
  public <T> T execute(Command<T> command) {
    Authentication caller = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthentication();
    if (caller != null && caller.getUserId() != null && concernsExternalTasks(command)) {
      check(command, caller);
    }
    return next.execute(command);
  }

  private static boolean concernsExternalTasks(Command<?> command) {
    return command instanceof FetchExternalTasksCmd || command instanceof ExternalTaskCmd || command instanceof ExternalTaskQueryImpl
        || command instanceof AbstractSetExternalTaskRetriesCmd || command instanceof GetExternalTaskErrorDetailsCmd;
  }

  private static void check(Command<?> command, Authentication caller) {
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (groups.stream().anyMatch(ADMINS::contains)) {
      return;
    }
    Set<String> own = new HashSet<>();
    groups.forEach(g -> {
      if (TOPIC_BY_ROLE.containsKey(g)) {
        own.add(TOPIC_BY_ROLE.get(g));
      }
    });
    boolean work = command instanceof FetchExternalTasksCmd || command instanceof HandleExternalTaskCmd
        || command instanceof UnlockExternalTaskCmd;
    if (own.isEmpty()) {
      if (work) {
        throw refused(caller, "only Onramp's workers work external tasks");
      }
      return;                                           // people reading external tasks: Camunda's authorizations decide
    }
    if (!work) {
      throw refused(caller, "workers may only fetch and lock, complete, fail, raise BPMN errors and extend or release their own tasks");
    }
    if (command instanceof FetchExternalTasksCmd fetch) {
      Collection<TopicFetchInstruction> asked = TopicsAsked.of(fetch);
      Set<String> topics = new HashSet<>();
      asked.forEach(t -> topics.add(t.getTopicName()));
      if (topics.isEmpty() || !own.containsAll(topics)) {
        throw refused(caller, "topics " + topics + " are not yours (yours: " + own + ")");
      }
      return;
    }
    ExternalTaskEntity task = Context.getCommandContext().getExternalTaskManager().findExternalTaskById(TopicsAsked.taskId(command));
    if (task != null && !own.contains(task.getTopicName())) {
      throw refused(caller, "external task " + task.getId() + " is on a topic that is not yours");
    }
  }

  private static AuthorizationException refused(Authentication caller, String why) {
    return new AuthorizationException(caller.getUserId() + ": " + why);
  }

  /** The commands keep what they act on in protected fields; read them, and refuse when they cannot be read. */
  private static final class TopicsAsked {

    @SuppressWarnings("unchecked")
    static Collection<TopicFetchInstruction> of(FetchExternalTasksCmd fetch) {
      Object instructions = read(FetchExternalTasksCmd.class, "fetchInstructions", fetch);
      return instructions instanceof Map<?, ?> map ? (Collection<TopicFetchInstruction>) map.values() : List.of();
    }

    static String taskId(Command<?> command) {
      return (String) read(ExternalTaskCmd.class, "externalTaskId", command);
    }

    private static Object read(Class<?> owner, String name, Object command) {
      try {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new AuthorizationException("the worker check cannot read " + owner.getSimpleName() + "." + name
            + " (Camunda changed?): refused");
      }
    }
  }
}

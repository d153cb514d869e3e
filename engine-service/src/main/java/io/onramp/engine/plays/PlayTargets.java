package io.onramp.engine.plays;

import io.onramp.engine.security.AsPlatform;
import io.onramp.processes.CustomerOnboarding;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * What a rescue play acts on: the stalled step's open task ({@code stalledTaskKey}, set on an SLA's rescue branch), or,
 * when health called the rescue, every open step of the journey that is not the CS lead's own.
 */
@Component
class PlayTargets {

  record Target(Task task, List<String> groups) {}

  static final String CS_LEAD = "cs-lead";

  private final TaskService tasks;
  private final AsPlatform platform;

  PlayTargets(TaskService tasks, AsPlatform platform) {
    this.tasks = tasks;
    this.platform = platform;
  }

  /** The journey the play belongs to: the top of the call chain. */
  static String journeyId(DelegateExecution execution) {
    ExecutionEntity root = ((ExecutionEntity) execution).getProcessInstance();
    while (root.getSuperExecution() != null) {
      root = root.getSuperExecution().getProcessInstance();
    }
    return root.getId();
  }

  List<Target> of(DelegateExecution execution) {
    String journey = journeyId(execution);
    Object step = execution.getVariable(CustomerOnboarding.STALLED_TASK_KEY);
    return platform.call(() -> {
      var query = tasks.createTaskQuery().processInstanceId(journey).active();
      if (step != null) {
        query.taskDefinitionKey(step.toString());
      }
      return query.orderByTaskCreateTime().asc().unlimitedList().stream().map(t -> new Target(t, groups(t)))
          .filter(t -> step != null || !t.groups().contains(CS_LEAD)).toList();
    });
  }

  private List<String> groups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null).map(l -> l.getGroupId()).sorted().toList();
  }
}

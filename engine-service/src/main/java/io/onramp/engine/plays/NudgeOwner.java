package io.onramp.engine.plays;

import io.onramp.engine.onboarding.OnboardingRepository;
import io.onramp.engine.security.AsPlatform;
import io.onramp.engine.tracking.CrmTasks;
import io.onramp.processes.CustomerOnboarding;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * NUDGE ({@code ${onrampNudge}}): each target step gets a follow-up date of today and a comment in Tasklist, and its owner
 * (the assignee, else the onboarding's CSM) a CRM task "Reminder: step" on the account. Without an open step the CSM gets
 * the reminder about the rescue itself.
 */
@Component("onrampNudge")
class NudgeOwner implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(NudgeOwner.class);

  private final PlayTargets targets;
  private final TaskService tasks;
  private final OnboardingRepository onboardings;
  private final CrmTasks crm;
  private final AsPlatform platform;

  NudgeOwner(PlayTargets targets, TaskService tasks, OnboardingRepository onboardings, CrmTasks crm, AsPlatform platform) {
    this.targets = targets;
    this.tasks = tasks;
    this.onboardings = onboardings;
    this.crm = crm;
    this.platform = platform;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String journey = PlayTargets.journeyId(execution);
    String title = String.valueOf(execution.getVariable(CustomerOnboarding.RESCUE_TITLE));
    String csm = onboardings.csm(journey).orElse(null);
    List<PlayTargets.Target> open = targets.of(execution);
    if (open.isEmpty()) {
      crm.give(execution, new CrmTasks.Notice(CrmTasks.key("nudge", execution.getActivityInstanceId()), "Reminder: " + title, "The CS lead asks you to look at this onboarding: " + title,
          csm, Duration.ofDays(1), 75, null, false));
      log.info("journey {}: nudge ({}) with no open step; reminder for the CSM {}", journey, title, csm);
      return;
    }
    for (PlayTargets.Target target : open) {
      Task task = target.task();
      platform.run(() -> {
        task.setFollowUpDate(Date.from(ClockUtil.now().toInstant()));
        tasks.saveTask(task);
        tasks.createComment(task.getId(), journey, "Reminder from the CS lead: " + title);
      });
      String owner = task.getAssignee() != null ? task.getAssignee() : csm;
      crm.give(execution, new CrmTasks.Notice(CrmTasks.key("nudge", execution.getActivityInstanceId(), task.getId()), "Reminder: " + task.getName(),
          "The CS lead asks you to move this step on (" + title + "). It is due " + task.getDueDate() + "; its follow-up in Tasklist is today.",
          owner, Duration.ofDays(1), 75, task.getId(), false));
      log.info("journey {}: nudged '{}' (owner {})", journey, task.getName(), owner);
    }
  }
}

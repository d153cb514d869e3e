package io.onramp.engine.plays;

import io.onramp.engine.exit.ExitCriteriaNotMet;
import io.onramp.engine.security.AsPlatform;
import io.onramp.processes.CustomerOnboarding;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * REASSIGN ({@code ${onrampReassign}}): the target steps go to {@code reassignTo}, who must be a member of one of each
 * step's candidate groups. Anything else refuses the CS lead's completion (400 naming {@code reassignTo}), so nothing of
 * it happens: the choice stays open to correct.
 */
@Component("onrampReassign")
class ReassignStep implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ReassignStep.class);

  private final PlayTargets targets;
  private final TaskService tasks;
  private final IdentityService identity;
  private final AsPlatform platform;

  ReassignStep(PlayTargets targets, TaskService tasks, IdentityService identity, AsPlatform platform) {
    this.targets = targets;
    this.tasks = tasks;
    this.identity = identity;
    this.platform = platform;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String title = String.valueOf(execution.getVariable(CustomerOnboarding.RESCUE_TITLE));
    Object named = execution.getVariable(CustomerOnboarding.REASSIGN_TO);
    String to = named == null ? "" : named.toString().trim();
    if (to.isEmpty()) {
      throw ExitCriteriaNotMet.refused(title, CustomerOnboarding.REASSIGN_TO, "REASSIGN needs the user id of who takes the step over");
    }
    List<PlayTargets.Target> open = targets.of(execution);
    if (open.isEmpty()) {
      throw ExitCriteriaNotMet.refused(title, CustomerOnboarding.RESCUE_ACTION, "no open step to reassign; choose NUDGE or ESCALATE");
    }
    for (PlayTargets.Target target : open) {
      if (!memberOfAny(to, target.groups())) {
        throw ExitCriteriaNotMet.refused(title, CustomerOnboarding.REASSIGN_TO, "'" + to + "' is not a member of "
            + (target.groups().isEmpty() ? "any candidate group" : String.join(" or ", target.groups())) + ", who work '"
            + target.task().getName() + "'");
      }
    }
    String journey = PlayTargets.journeyId(execution);
    platform.run(() -> open.forEach(target -> {
      tasks.setAssignee(target.task().getId(), to);
      tasks.createComment(target.task().getId(), journey, "Reassigned to " + to + " by the CS lead: " + title);
      log.info("journey {}: '{}' reassigned from {} to {}", journey, target.task().getName(), target.task().getAssignee(), to);
    }));
  }

  private boolean memberOfAny(String user, List<String> groups) {
    return platform.call(() -> groups.stream().anyMatch(g -> identity.createUserQuery().userId(user).memberOfGroup(g).count() > 0));
  }
}

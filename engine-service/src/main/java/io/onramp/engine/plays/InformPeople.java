package io.onramp.engine.plays;

import io.onramp.engine.onboarding.OnboardingRepository;
import io.onramp.engine.tracking.CrmTasks;
import io.onramp.processes.JourneyVariables;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the people of RACI roles something through a CRM task on the account: {@code ${onrampInform}} with inputs
 * {@code informed} (roles, comma-separated: {@code sales} — the account executive, {@code csm} — the Accountable CSM) and
 * {@code subject}; also what a step's {@code onramp.raci.informed} does when the step completes. The CRM task is a note:
 * written completed, on the account's timeline for them to read, not on their to-do list.
 */
@Component("onrampInform")
class InformPeople implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(InformPeople.class);

  private final OnboardingRepository onboardings;
  private final CrmTasks crm;

  InformPeople(OnboardingRepository onboardings, CrmTasks crm) {
    this.onboardings = onboardings;
    this.crm = crm;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object roles = execution.getVariableLocal("informed");
    Object subject = execution.getVariableLocal("subject");
    if (roles == null || subject == null) {
      throw new IllegalStateException("'" + execution.getCurrentActivityId() + "' needs inputs 'informed' and 'subject'");
    }
    tell(execution, Raci.informedRoles(roles.toString(), execution.getCurrentActivityId()), subject.toString(),
        execution.getActivityInstanceId());
  }

  /** One CRM task per role that has a person; {@code occasion} (the step's run) + role keeps a retried step from telling twice. */
  void tell(DelegateExecution execution, List<String> roles, String subject, String occasion) {
    for (String role : roles) {
      Optional<String> person = person(execution, role);
      if (person.isEmpty()) {
        log.info("journey {}: nobody is '{}' yet, so nobody is told '{}'", PlayTargets.journeyId(execution), role, subject);
        continue;
      }
      crm.give(execution, new CrmTasks.Notice(CrmTasks.key("inform", occasion, role), subject, "For your information (" + Raci.label(role) + "): " + subject,
          person.get(), Duration.ofDays(2), 50, null, true));
    }
  }

  private Optional<String> person(DelegateExecution execution, String role) {
    return switch (role) {
      case Raci.SALES -> Optional.ofNullable(execution.getVariable(JourneyVariables.SALES_REP)).map(Object::toString);
      case Raci.CSM -> onboardings.csm(PlayTargets.journeyId(execution));
      default -> Optional.empty();
    };
  }
}

package io.onramp.handoff.journey;

import io.onramp.handoff.handoff.HandoffNotFound;
import io.onramp.handoff.handoff.HandoffService;
import io.onramp.processes.CustomerOnboarding;
import io.onramp.web.TextRule;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Works topic {@value CustomerOnboarding#TOPIC_HANDOFF_REVIEW} on Camunda's external task client: the journey
 * reports the CS lead's decision (accepted, or revision requested with comments) and this service records it
 * on the handoff. An unknown handoff becomes an incident; a failed call to the engine leaves the task locked
 * until its lock runs out, and it is fetched again (recording a review twice changes nothing).
 */
@Component
@ExternalTaskSubscription(topicName = CustomerOnboarding.TOPIC_HANDOFF_REVIEW, lockDuration = 60_000, variableNames = {
    CustomerOnboarding.HANDOFF_ACCEPTED, CustomerOnboarding.REVISION_COMMENTS, CustomerOnboarding.HANDOFF_REVIEWED_BY})
class HandoffReviewWorker implements ExternalTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(HandoffReviewWorker.class);

  private final HandoffService handoffs;

  HandoffReviewWorker(HandoffService handoffs) {
    this.handoffs = handoffs;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService engine) {
    String handoffId = task.getBusinessKey();
    boolean accepted = Boolean.TRUE.equals(task.getVariable(CustomerOnboarding.HANDOFF_ACCEPTED));
    String reviewer = task.getVariable(CustomerOnboarding.HANDOFF_REVIEWED_BY);
    try {
      handoffs.recordReview(handoffId, accepted, task.getVariable(CustomerOnboarding.REVISION_COMMENTS),
          reviewer == null ? "cs-lead" : reviewer);
    } catch (HandoffNotFound unknown) {
      engine.handleFailure(task, TextRule.sanitize("handoff-service knows no handoff '" + handoffId + "' (the journey's business key)"),
          null, 0, 0);
      return;
    }
    engine.complete(task);
    log.info("handoff {}: review recorded ({})", handoffId, accepted ? "accepted" : "revision requested");
  }
}

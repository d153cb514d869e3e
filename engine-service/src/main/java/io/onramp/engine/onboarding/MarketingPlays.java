package io.onramp.engine.onboarding;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.springframework.stereotype.Component;

/**
 * The marketing plays of a journey (the service tasks on topic {@value #TOPIC}, in any designer's
 * BPMN) as the engine's history tells them: SENT when Eloqua's worker completed it, PENDING while it
 * waits, SKIPPED when it did not go out — its window passed (Eloqua away, or no connector at all), or
 * the journey ended first. Plays are side effects beside the journey: a missed one is reported, never
 * sent late and never waited for.
 */
@Component
class MarketingPlays {

  static final String TOPIC = "marketing-journey";

  private final HistoryService history;
  private final RepositoryService repository;

  MarketingPlays(HistoryService history, RepositoryService repository) {
    this.history = history;
    this.repository = repository;
  }

  List<OnboardingView.MarketingPlay> of(String processInstanceId) {
    HistoricProcessInstance journey = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    if (journey == null) {
      return List.of();
    }
    BpmnModelInstance model = repository.getBpmnModelInstance(journey.getProcessDefinitionId());
    Map<String, ServiceTask> plays = model.getModelElementsByType(ServiceTask.class).stream().filter(t -> TOPIC.equals(t.getCamundaTopic()))
        .collect(Collectors.toMap(ServiceTask::getId, t -> t));
    if (plays.isEmpty()) {
      return List.of();
    }
    List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().asc().unlimitedList();
    Set<String> windowsPassed = model.getModelElementsByType(BoundaryEvent.class).stream()
        .filter(b -> b.getAttachedTo() != null && plays.containsKey(b.getAttachedTo().getId()))
        .filter(b -> activities.stream().anyMatch(a -> a.getActivityId().equals(b.getId())))
        .map(b -> b.getAttachedTo().getId()).collect(Collectors.toSet());
    return activities.stream().filter(a -> plays.containsKey(a.getActivityId())).map(a -> {
      String name = plays.get(a.getActivityId()).getName();
      Instant started = a.getStartTime().toInstant();
      Instant ended = a.getEndTime() == null ? null : a.getEndTime().toInstant();
      if (ended == null) {
        return new OnboardingView.MarketingPlay(a.getActivityId(), name, "PENDING", started, null, "waiting for Eloqua's worker");
      }
      if (!a.isCanceled()) {
        return new OnboardingView.MarketingPlay(a.getActivityId(), name, "SENT", started, ended, null);
      }
      return new OnboardingView.MarketingPlay(a.getActivityId(), name, "SKIPPED", started, ended,
          windowsPassed.contains(a.getActivityId()) ? "not sent within its window (the Eloqua connector was away or is not running)"
              : "the journey moved on before it was sent");
    }).toList();
  }
}

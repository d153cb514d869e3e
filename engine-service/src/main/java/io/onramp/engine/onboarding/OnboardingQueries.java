package io.onramp.engine.onboarding;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.pvm.PvmActivity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Builds the onboarding view from our tables, the engine's open tasks and its history of marketing plays. */
@Service
class OnboardingQueries {

  private final OnboardingRepository onboardings;
  private final JdbcClient jdbc;
  private final TaskService taskService;
  private final MarketingPlays plays;
  private final RuntimeService runtime;
  private final RepositoryService repository;

  OnboardingQueries(OnboardingRepository onboardings, JdbcClient jdbc, TaskService taskService, MarketingPlays plays,
                    RuntimeService runtime, RepositoryService repository) {
    this.onboardings = onboardings;
    this.jdbc = jdbc;
    this.taskService = taskService;
    this.plays = plays;
    this.runtime = runtime;
    this.repository = repository;
  }

  @Transactional(readOnly = true)
  OnboardingView view(String idOrBusinessKey) {
    Onboarding o = onboardings.find(idOrBusinessKey)
        .or(() -> onboardings.findByBusinessKey(idOrBusinessKey))
        .orElseThrow(() -> new OnboardingNotFound(idOrBusinessKey));
    return new OnboardingView(o.id(), o.businessKey(), o.processDefinitionKey(), o.accountName(), o.segment(), o.stage(),
        o.health(), o.version(), o.startedAt(), o.firstValueAt(), o.endedAt(), o.timeToValueDays(), timeline(o),
        openTasks(o.id()), sync(o), plays.of(o.id()), healthHistory(o.id()), onboardings.csm(o.id()).orElse(null));
  }

  private List<OnboardingView.HealthEntry> healthHistory(String id) {
    return jdbc.sql("select * from onramp_health_change where onboarding_id = ? order by changed_at, id").param(id)
        .query((rs, n) -> new OnboardingView.HealthEntry(
            rs.getString("from_health") == null ? null : Health.valueOf(rs.getString("from_health")),
            Health.valueOf(rs.getString("health")), rs.getString("reason"), rs.getString("cause"),
            rs.getTimestamp("changed_at").toInstant()))
        .list();
  }

  private List<OnboardingView.TimelineEntry> timeline(Onboarding o) {
    List<StageTransition> transitions = onboardings.timeline(o.id());
    Instant now = ClockUtil.now().toInstant();
    List<OnboardingView.TimelineEntry> entries = new ArrayList<>();
    for (int i = 0; i < transitions.size(); i++) {
      StageTransition t = transitions.get(i);
      Instant left = i + 1 < transitions.size() ? transitions.get(i + 1).enteredAt() : null;
      Instant until = left != null ? left : (t.stage().isFinal() ? t.enteredAt() : now);
      entries.add(new OnboardingView.TimelineEntry(t.stage(), t.activityId(), t.enteredAt(), left,
          Duration.between(t.enteredAt(), until).toSeconds(), t.recordedAt()));
    }
    return entries;
  }

  /** The journey's open tasks and those of the plays it called (a rescue play's escalation), oldest first. */
  private List<OnboardingView.OpenTask> openTasks(String processInstanceId) {
    Instant now = ClockUtil.now().toInstant();
    String[] instances = withCalledPlays(processInstanceId).toArray(String[]::new);
    return taskService.createTaskQuery().processInstanceIdIn(instances).orderByTaskCreateTime().asc().unlimitedList().stream()
        .map(t -> {
          Map<String, List<String>> raci = raci(t);
          return new OnboardingView.OpenTask(t.getId(), t.getName(), t.getTaskDefinitionKey(), t.getAssignee(),
              candidateGroups(t), t.getCreateTime().toInstant(), t.getDueDate() == null ? null : t.getDueDate().toInstant(),
              t.getDueDate() != null && t.getDueDate().toInstant().isBefore(now),
              t.getFollowUpDate() == null ? null : t.getFollowUpDate().toInstant(),
              raci.getOrDefault("consulted", List.of()), raci.getOrDefault("informed", List.of()));
        })
        .toList();
  }

  private List<String> withCalledPlays(String processInstanceId) {
    List<String> instances = new ArrayList<>(List.of(processInstanceId));
    for (int i = 0; i < instances.size(); i++) {
      runtime.createProcessInstanceQuery().superProcessInstanceId(instances.get(i)).unlimitedList().forEach(p -> instances.add(p.getId()));
    }
    return instances;
  }

  /** The step's RACI roles as the model declares them (left on the activity at deployment by the plays' parse listener). */
  @SuppressWarnings("unchecked")
  private Map<String, List<String>> raci(Task task) {
    PvmActivity activity = ((RepositoryServiceImpl) repository).getDeployedProcessDefinition(task.getProcessDefinitionId())
        .findActivity(task.getTaskDefinitionKey());
    Object raci = activity == null ? null : activity.getProperty("onramp.raci");
    return raci instanceof Map<?, ?> map ? (Map<String, List<String>>) map : Map.of();
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(l -> l.getGroupId()).sorted().toList();
  }

  private List<OnboardingView.CrmSyncStatus> sync(Onboarding o) {
    List<OnboardingView.CrmSyncStatus> result = new ArrayList<>();
    for (Crm crm : o.links().linked()) {
      record Row(String subject, String kind, String status, String error, int attempts, Long syncedVersion) {}
      List<Row> rows = jdbc.sql("select subject, kind, status, last_error, attempts, synced_version from onramp_sync_item "
              + "where onboarding_id = ? and crm = ? order by id")
          .params(o.id(), crm.id())
          .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
              rs.getObject(6, Long.class)))
          .list();
      List<OnboardingView.Failure> failures = rows.stream().filter(r -> r.status().equals("FAILED"))
          .map(r -> new OnboardingView.Failure(r.subject(), r.error(), r.attempts())).toList();
      int pending = (int) rows.stream().filter(r -> r.status().equals("PENDING")).count();
      Long syncedVersion = rows.stream().filter(r -> r.kind().equals("ONBOARDING")).findFirst()
          .map(Row::syncedVersion).orElse(null);
      String state = !failures.isEmpty() ? "FAILED" : pending > 0 ? "PENDING" : "SYNCED";
      result.add(new OnboardingView.CrmSyncStatus(crm, state, syncedVersion, pending, failures));
    }
    return result;
  }
}

package io.onramp.engine.deploy;

import io.onramp.engine.deploy.MigrationReport.Blocked;
import io.onramp.engine.deploy.MigrationReport.Instruction;
import io.onramp.engine.deploy.MigrationReport.Source;
import io.onramp.engine.deploy.MigrationReport.Version;
import io.onramp.web.InvalidField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstructionsBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Plans, validates and runs the move of running journeys to another version of their process with
 * Camunda's migration API. Activities with equal ids map by themselves; renamed ones through the
 * request's mappings. Each journey is validated by migrating it inside a transaction that is rolled
 * back, so the report names every journey that cannot move and why, before anything changes; the
 * ones that can move are then migrated as a Camunda batch (one job per journey, retried like any
 * job, progress in Cockpit and through {@link #progress}). Custom listeners are skipped: moving a
 * journey is not a stage change, and mirrors no task.
 */
@Service
class JourneyMigrations {

  private static final Logger log = LoggerFactory.getLogger(JourneyMigrations.class);

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final HistoryService history;
  private final TransactionTemplate rolledBack;

  JourneyMigrations(RepositoryService repository, RuntimeService runtime, ManagementService management, HistoryService history,
                    PlatformTransactionManager transactions) {
    this.repository = repository;
    this.runtime = runtime;
    this.management = management;
    this.history = history;
    this.rolledBack = new TransactionTemplate(transactions);
  }

  /** How far a migration batch got: jobs (= journeys) done, left and failed (a failed one is a Cockpit incident). */
  MigrationReport.Progress progress(String batchId) {
    BatchStatistics running = management.createBatchStatisticsQuery().batchId(batchId).singleResult();
    if (running != null && Batch.TYPE_PROCESS_INSTANCE_MIGRATION.equals(running.getType())) {
      return new MigrationReport.Progress(batchId, running.getTotalJobs(), running.getCompletedJobs(), running.getRemainingJobs(),
          running.getFailedJobs(), false);
    }
    HistoricBatch done = history.createHistoricBatchQuery().batchId(batchId).singleResult();
    if (done == null || !Batch.TYPE_PROCESS_INSTANCE_MIGRATION.equals(done.getType()) || running != null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no journey migration " + batchId);
    }
    return new MigrationReport.Progress(batchId, done.getTotalJobs(), done.getTotalJobs(), 0, 0, done.getEndTime() != null);
  }

  MigrationReport migrate(MigrationRequest request) {
    ProcessDefinition target = definition(request.processDefinitionKey(), request.toVersion(), "toVersion");
    List<ProcessDefinition> sources = sources(request, target);
    Set<String> asked = request.processInstanceIds() == null ? null : new HashSet<>(request.processInstanceIds());
    Set<String> found = new HashSet<>();
    List<Source> reports = new ArrayList<>();
    for (ProcessDefinition source : sources) {
      List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).unlimitedList().stream()
          .filter(p -> asked == null || asked.contains(p.getId())).toList();
      running.forEach(p -> found.add(p.getId()));
      if (!running.isEmpty() || request.fromVersion() != null) {
        reports.add(source(source, target, running, request));
      }
    }
    if (asked != null && !found.containsAll(asked)) {
      List<String> unknown = asked.stream().filter(id -> !found.contains(id)).sorted().toList();
      throw new InvalidField("processInstanceIds", unknown + " are not running journeys of " + request.processDefinitionKey()
          + " on version(s) " + sources.stream().map(ProcessDefinition::getVersion).toList());
    }
    int instances = reports.stream().mapToInt(Source::instances).sum();
    int migratable = reports.stream().mapToInt(Source::migratable).sum();
    return new MigrationReport(request.processDefinitionKey(), version(target), request.execute(), instances, migratable, reports,
        summary(request, target, reports, instances, migratable));
  }

  private Source source(ProcessDefinition source, ProcessDefinition target, List<ProcessInstance> running, MigrationRequest request) {
    MigrationPlan plan;
    try {
      plan = plan(source, target, request);
    } catch (MigrationPlanValidationException e) {
      List<String> errors = new ArrayList<>();
      e.getValidationReport().getInstructionReports().forEach(r -> r.getFailures().forEach(f -> errors.add(
          r.getMigrationInstruction().getSourceActivityId() + " → " + r.getMigrationInstruction().getTargetActivityId() + ": " + f)));
      e.getValidationReport().getVariableReports().forEach((name, r) -> r.getFailures().forEach(f -> errors.add(name + ": " + f)));
      return new Source(version(source), null, errors.isEmpty() ? List.of(e.getMessage()) : errors, running.size(), 0, List.of(), null);
    }
    List<Blocked> blocked = new ArrayList<>();
    List<String> movable = new ArrayList<>();
    for (ProcessInstance journey : running) {
      List<String> errors = validate(plan, journey.getId());
      if (errors.isEmpty()) {
        movable.add(journey.getId());
      } else {
        blocked.add(new Blocked(journey.getId(), journey.getBusinessKey(), errors));
      }
      if ((movable.size() + blocked.size()) % 200 == 0) {
        log.info("migration {} v{} → v{}: {} of {} journeys validated", source.getKey(), source.getVersion(), target.getVersion(),
            movable.size() + blocked.size(), running.size());
      }
    }
    String batchId = null;
    if (request.execute() && !movable.isEmpty()) {
      batchId = runtime.newMigration(plan).processInstanceIds(movable).skipCustomListeners().executeAsync().getId();
      log.info("migration {} v{} → v{}: batch {} moves {} journeys ({} cannot move)", source.getKey(), source.getVersion(),
          target.getVersion(), batchId, movable.size(), blocked.size());
    }
    List<Instruction> instructions = plan.getInstructions().stream()
        .map(i -> new Instruction(i.getSourceActivityId(), i.getTargetActivityId(), i.isUpdateEventTrigger())).toList();
    return new Source(version(source), instructions, null, running.size(), movable.size(), blocked, batchId);
  }

  private MigrationPlan plan(ProcessDefinition source, ProcessDefinition target, MigrationRequest request) {
    MigrationInstructionsBuilder equal = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities();
    MigrationPlanBuilder builder = request.updateEventTriggers() ? equal.updateEventTriggers() : equal;
    for (MigrationRequest.Mapping mapping : request.mappings()) {
      var instruction = builder.mapActivities(mapping.source(), mapping.target());
      builder = mapping.updateEventTrigger() ? instruction.updateEventTrigger() : instruction;
    }
    return builder.build();
  }

  /** Camunda's reasons this journey cannot move, from migrating it in a transaction that is always rolled back. */
  private List<String> validate(MigrationPlan plan, String processInstanceId) {
    return rolledBack.execute(status -> {
      status.setRollbackOnly();
      try {
        runtime.newMigration(plan).processInstanceIds(processInstanceId).skipCustomListeners().execute();
        return List.of();
      } catch (MigratingProcessInstanceValidationException e) {
        return reasons(e.getValidationReport());
      }
    });
  }

  private static List<String> reasons(MigratingProcessInstanceValidationReport report) {
    List<String> reasons = new ArrayList<>(report.getFailures());
    report.getActivityInstanceReports().forEach(a -> a.getFailures().forEach(f -> reasons.add(a.getSourceScopeId() + ": " + f)));
    report.getTransitionInstanceReports().forEach(t -> t.getFailures().forEach(f -> reasons.add(t.getSourceScopeId() + ": " + f)));
    return reasons;
  }

  private List<ProcessDefinition> sources(MigrationRequest request, ProcessDefinition target) {
    if (request.fromVersion() != null) {
      if (request.fromVersion() >= target.getVersion()) {
        throw new InvalidField("fromVersion", "must be older than the version moved to (" + target.getVersion() + ")");
      }
      return List.of(definition(request.processDefinitionKey(), request.fromVersion(), "fromVersion"));
    }
    return repository.createProcessDefinitionQuery().processDefinitionKey(request.processDefinitionKey())
        .orderByProcessDefinitionVersion().asc().unlimitedList().stream().filter(d -> d.getVersion() < target.getVersion()).toList();
  }

  private ProcessDefinition definition(String key, Integer version, String field) {
    var query = repository.createProcessDefinitionQuery().processDefinitionKey(key);
    ProcessDefinition found = (version == null ? query.latestVersion() : query.processDefinitionVersion(version)).singleResult();
    if (found == null) {
      boolean known = repository.createProcessDefinitionQuery().processDefinitionKey(key).count() > 0;
      throw known ? new InvalidField(field, key + " has no version " + version)
          : new InvalidField("processDefinitionKey", "no process " + key + " is deployed");
    }
    return found;
  }

  private static Version version(ProcessDefinition definition) {
    return new Version(definition.getId(), definition.getVersion());
  }

  private static String summary(MigrationRequest request, ProcessDefinition target, List<Source> sources, int instances,
                                int migratable) {
    if (instances == 0) {
      return "no running journey of " + request.processDefinitionKey() + " to move to version " + target.getVersion();
    }
    String from = "version(s) " + sources.stream().filter(s -> s.instances() > 0).map(s -> Integer.toString(s.version().version()))
        .reduce((a, b) -> a + ", " + b).orElse("");
    String moved = request.execute() ? "are moving" : "can move";
    return migratable + " of " + instances + " running journeys " + moved + " from " + from + " to version " + target.getVersion()
        + (migratable < instances ? "; " + (instances - migratable) + " cannot (see planErrors and blocked)" : "")
        + (request.execute() ? "" : "; nothing changed (send \"execute\": true to migrate)");
  }
}

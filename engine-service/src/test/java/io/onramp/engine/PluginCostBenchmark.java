package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.onramp.processes.StepRecords;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import io.onramp.testing.BenchSummary;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What Onramp's engine plugins cost (stage tracking, the sync outbox, task mirroring, insights capture — all attached by
 * {@code StageTrackingPlugin}): journey starts and task completions per second of customer-onboarding, linked to all
 * three CRMs so every plugin does its work, on this engine, against a second engine on the same PostgreSQL built without
 * that plugin (everything else alike), and against a plain one-task process on this engine for scale. The same
 * threads call each engine's Java API (no HTTP), so what differs is the engine's work. Printed as ratios; the target
 * is ≥ 0.5. Run with {@code ./onramp bench -pl engine-service -Dtest=PluginCostBenchmark}.
 */
@Tag("benchmark")
class PluginCostBenchmark extends EngineIntegrationTest {

  static final int PLAIN = Integer.getInteger("bench.plainInstances", 2_000);
  static final int JOURNEYS = Integer.getInteger("bench.journeys", 300);
  static final int THREADS = Integer.getInteger("bench.threads", 4);
  static final String GROUP = "csm";
  /** The bean that attaches stage tracking, the outbox, task mirroring and insights capture to every process. */
  static final String PLUGIN = "stageTrackingPlugin";

  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ExternalTaskService externalTasks;
  @Autowired
  RepositoryService repository;
  @Autowired
  org.camunda.bpm.engine.ProcessEngine engine;
  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @org.springframework.beans.factory.annotation.Value("${spring.datasource.url}")
  String datasourceUrl;

  /** Operations and the seconds they took. */
  record Rate(String what, int count, double seconds) {
    static final Rate NONE = new Rate("", 0, 0);

    Rate plus(Rate other) {
      return new Rate(other.what(), count + other.count(), seconds + other.seconds());
    }

    double perSecond() {
      return count / seconds;
    }
  }

  @Test
  void journeyStartsAndCompletionsWithThePluginsOnAndOff() throws Exception {
    repository.createDeployment().addModelInstance("bench-plain.bpmn", Bpmn.createExecutableProcess("bench-plain")
        .camundaHistoryTimeToLive(1).startEvent().userTask("Task_Plain").camundaCandidateGroups(GROUP).endEvent().done()).deploy();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try (ConfigurableApplicationContext off = engineWithoutOnrampPlugins()) {
      Engine on = new Engine(runtime, tasks, externalTasks);
      Engine without = new Engine(off.getBean(RuntimeService.class), off.getBean(TaskService.class), off.getBean(ExternalTaskService.class));
      assertThat(off.getBeansOfType(org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin.class).keySet())
          .as("the second engine runs without Onramp's plugin").doesNotContain(PLUGIN);
      warmUp(on, threads);
      warmUp(without, threads);
      String run = UUID.randomUUID().toString().substring(0, 8);

      Rate plainStarts = timed("plain starts", PLAIN, threads, i -> runtime.startProcessInstanceByKey("bench-plain", "P-" + run + "-" + i));
      List<Task> plainTasks = tasks.createTaskQuery().processDefinitionKey("bench-plain").processInstanceBusinessKeyLike("P-" + run + "-%").list();
      Rate plainCompletions = timed("plain completions", plainTasks.size(), threads, i -> tasks.complete(plainTasks.get(i).getId()));

      // two rounds, the engines in turn first, so neither gains from running after the other (JIT, caches, table sizes)
      Rate onStarts = Rate.NONE, onCompletions = Rate.NONE, offStarts = Rate.NONE, offCompletions = Rate.NONE;
      for (int round = 0; round < 2; round++) {
        for (boolean plugins : round == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          Engine engine = plugins ? on : without;
          String keys = (plugins ? "J-" : "F-") + run + "-" + round;
          Rate starts = timed("journey starts", JOURNEYS, threads, i -> engine.startJourney(keys + "-" + i));
          Rate completions = engine.completeAll(keys + "-%", threads);
          if (plugins) {
            onStarts = onStarts.plus(starts);
            onCompletions = onCompletions.plus(completions);
          } else {
            offStarts = offStarts.plus(starts);
            offCompletions = offCompletions.plus(completions);
          }
        }
      }

      assertThat(plainTasks).hasSize(PLAIN);
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike("%-" + run + "-%").count())
          .as("every journey worked to its end").isZero();
      assertThat(jdbc.sql("select count(*) from onramp_onboarding where business_key like ?")
          .param("J-" + run + "-%").query(Long.class).single()).as("the plugins recorded each journey").isEqualTo(2L * JOURNEYS);
      assertThat(jdbc.sql("select count(*) from onramp_onboarding where business_key like ?").param("F-" + run + "-%")
          .query(Long.class).single()).as("nothing recorded without them").isZero();
      double startRatio = onStarts.perSecond() / offStarts.perSecond();
      double completionRatio = onCompletions.perSecond() / offCompletions.perSecond();
      System.out.printf("""

          == Plugin cost benchmark: the engine on embedded PostgreSQL, %d threads on its Java API ==
          customer-onboarding, plugins on : %,6d starts in %6.2f s = %,7.1f /s;  %,6d completions in %6.2f s = %,7.1f /s
            (stages, outbox rows for HubSpot, Salesforce and Eloqua, task mirroring, insights)
          customer-onboarding, plugins off: %,6d starts in %6.2f s = %,7.1f /s;  %,6d completions in %6.2f s = %,7.1f /s
          plain one-task process (scale)  : %,6d starts in %6.2f s = %,7.1f /s;  %,6d completions in %6.2f s = %,7.1f /s
          ratio, plugins on / off         : starts %.2f, completions %.2f  (target ≥ 0.50 each)
          against the plain process       : on %.2f / %.2f, off %.2f / %.2f (starts / completions; a journey start runs its
                                            plan DMN and more BPMN than one task, plugins or not)
          %n""", THREADS, onStarts.count(), onStarts.seconds(), onStarts.perSecond(), onCompletions.count(), onCompletions.seconds(),
          onCompletions.perSecond(), offStarts.count(), offStarts.seconds(), offStarts.perSecond(), offCompletions.count(),
          offCompletions.seconds(), offCompletions.perSecond(), plainStarts.count(), plainStarts.seconds(), plainStarts.perSecond(),
          plainCompletions.count(), plainCompletions.seconds(), plainCompletions.perSecond(), startRatio, completionRatio,
          onStarts.perSecond() / plainStarts.perSecond(), onCompletions.perSecond() / plainCompletions.perSecond(),
          offStarts.perSecond() / plainStarts.perSecond(), offCompletions.perSecond() / plainCompletions.perSecond());
      BenchSummary.add(String.format("Plugin cost        customer-onboarding with Onramp's plugins / without: starts %.2f, "
          + "completions %.2f (target ≥ 0.50); completions against a plain one-task process %.2f", startRatio, completionRatio,
          onCompletions.perSecond() / plainCompletions.perSecond()));
    } finally {
      threads.shutdown();
      org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(engine);    // the second engine had the same name
    }
  }

  /** engine-service as this test runs it, on the same database, without the bean that attaches Onramp's listeners. */
  private ConfigurableApplicationContext engineWithoutOnrampPlugins() {
    return new SpringApplicationBuilder(EngineApplication.class).profiles("test")
        .initializers(context -> context.addBeanFactoryPostProcessor(factory ->
            ((org.springframework.beans.factory.support.BeanDefinitionRegistry) factory).removeBeanDefinition(PLUGIN)))
        .run("--server.port=0", "--spring.datasource.url=" + datasourceUrl, "--spring.datasource.username=postgres",
            "--spring.datasource.password=", "--camunda.bpm.process-engine-name=plugins-off", "--spring.jmx.enabled=false");
  }

  /** One engine's services, and the journeys driven through them. */
  record Engine(RuntimeService runtime, TaskService tasks, ExternalTaskService externalTasks) {

    void startJourney(String handoffId) {
      Map<String, Object> variables = new HashMap<>();
      variables.put("handoffId", handoffId);
      variables.put("accountName", "Acme " + handoffId);
      variables.put("segment", "assisted");
      variables.put("arr", 40_000.0);
      variables.put("productCount", 1);
      variables.put("goals", "Halve time to first report");
      variables.put("hubspotDealId", "77" + Math.abs(handoffId.hashCode()));
      variables.put("salesforceOpportunityId", "006000000000001AAA");
      variables.put("eloquaContactEmails", "champion@" + handoffId.toLowerCase() + ".example");
      runtime.createMessageCorrelation("HandoffSubmitted").processInstanceBusinessKey(handoffId).setVariables(variables)
          .correlateStartMessage();
    }

    /**
     * Works every open step of the journeys whose business key is like {@code keys}, wave after wave, as CSMs (user
     * tasks, with what their forms require) and workers (external tasks) do, until none is left; the time is the
     * completions'.
     */
    Rate completeAll(String keys, ExecutorService threads) throws Exception {
      int count = 0;
      double seconds = 0;
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      for (int wave = 0; wave < 50; wave++) {
        List<Task> open = tasks.createTaskQuery().processDefinitionKey("customer-onboarding").processInstanceBusinessKeyLike(keys).list();
        List<LockedExternalTask> locked = new ArrayList<>();
        for (String topic : List.of("marketing-journey", "handoff-review")) {
          locked.addAll(externalTasks.fetchAndLock(1_000, "bench").topic(topic, 600_000).processDefinitionKey("customer-onboarding")
              .execute().stream().filter(t -> t.getBusinessKey() != null && t.getBusinessKey().matches(keys.replace("%", ".*"))).toList());
        }
        if (open.isEmpty() && locked.isEmpty()) {
          return new Rate("journey completions", count, seconds);
        }
        Rate users = timed("", open.size(), threads, i -> tasks.complete(open.get(i).getId(),
            new HashMap<>(StepRecords.of(open.get(i).getTaskDefinitionKey(), today))));
        Rate workers = timed("", locked.size(), threads, i -> {
          try {
            externalTasks.complete(locked.get(i).getId(), "bench");
          } catch (org.camunda.bpm.engine.exception.NotFoundException cancelled) {
            // the journey moved past the play (a step completed in this wave ended its scope)
          }
        });
        count += users.count() + workers.count();
        seconds += users.seconds() + workers.seconds();
      }
      throw new AssertionError("journeys " + keys + " still open after 50 waves of completions");
    }
  }

  /** Both paths a few times first, so neither pays for class loading and JIT alone. */
  private void warmUp(Engine engine, ExecutorService threads) throws Exception {
    timed("warm-up", 40, threads, i -> engine.runtime().startProcessInstanceByKey("bench-plain", "W-" + UUID.randomUUID()));
    engine.tasks().createTaskQuery().processDefinitionKey("bench-plain").list().forEach(t -> engine.tasks().complete(t.getId()));
    String run = "W-" + UUID.randomUUID().toString().substring(0, 8);
    timed("warm-up", 8, threads, i -> engine.startJourney(run + "-" + i));
    engine.completeAll(run + "-%", threads);
  }

  private static Rate timed(String what, int count, ExecutorService threads, Consumer<Integer> operation) throws Exception {
    long begin = System.nanoTime();
    List<Future<?>> pending = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = i;
      pending.add(threads.submit(() -> operation.accept(n)));
    }
    for (Future<?> f : pending) {
      f.get();
    }
    return new Rate(what, count, (System.nanoTime() - begin) / 1e9);
  }
}

package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DESIGN decision 4, measured: a batch claim + one acknowledgement of 100 sync rows against the
 * engine's own external-task fetchAndLock (100) + one complete per task, both over HTTP, one
 * thread each, on the same embedded PostgreSQL in one run. Run with {@code ./onramp bench}.
 */
@Tag("benchmark")
class SyncThroughputBenchmark extends EngineIntegrationTest {

  static final int SYNC_ROWS = Integer.getInteger("bench.syncRows", 10_000);
  static final int EXTERNAL_TASKS = Integer.getInteger("bench.externalTasks", 1_000);
  static final int BATCH = 100;

  @Autowired
  JdbcClient jdbc;
  @Autowired
  RuntimeService runtime;

  @Test
  void claimAndAcknowledgeVersusExternalTaskFetchAndComplete() {
    seedSyncRows();
    seedExternalTasks();
    jdbc.sql("analyze onramp_sync_item").update();                  // as autovacuum would after a bulk backlog
    jdbc.sql("analyze onramp_onboarding").update();
    Api connector = as(CONNECTOR);
    Api worker = as(ADMIN);
    warmUp(connector, worker);

    long start = System.nanoTime();
    long acknowledging = 0;
    int synced = 0;
    while (true) {
      JsonNode batch = connector.post("/api/sync/eloqua/claim", Map.of("workerId", "bench", "maxItems", BATCH)).expect(200).json();
      if (batch.isEmpty()) break;
      List<Map<String, Object>> acks = new ArrayList<>();
      batch.forEach(i -> acks.add(Map.of("id", i.get("id").asLong(), "lease", i.get("lease").asText(), "version", i.get("version").asLong(), "outcome", "DONE")));
      long ackStart = System.nanoTime();
      connector.post("/api/sync/eloqua/ack", Map.of("items", acks)).expect(200);
      acknowledging += System.nanoTime() - ackStart;
      synced += batch.size();
    }
    double syncSeconds = (System.nanoTime() - start) / 1e9;

    start = System.nanoTime();
    int completed = 0;
    while (true) {
      JsonNode tasks = worker.post("/engine-rest/external-task/fetchAndLock", Map.of("workerId", "bench", "maxTasks", BATCH,
          "topics", List.of(Map.of("topicName", "bench-sync", "lockDuration", 600_000)))).expect(200).json();
      if (tasks.isEmpty()) break;
      for (JsonNode task : tasks) {
        worker.post("/engine-rest/external-task/" + task.get("id").asText() + "/complete", Map.of("workerId", "bench")).expect(204);
      }
      completed += tasks.size();
    }
    double taskSeconds = (System.nanoTime() - start) / 1e9;

    assertThat(synced).isGreaterThanOrEqualTo(SYNC_ROWS);
    assertThat(completed).isEqualTo(EXTERNAL_TASKS);
    double syncRate = synced / syncSeconds;
    double taskRate = completed / taskSeconds;
    System.out.printf("""

        == Sync throughput benchmark (batches of %d, one worker thread each, HTTP, embedded PostgreSQL) ==
        claim + acknowledge      : %,7d rows  in %6.2f s = %,8.0f rows/s
                                   of which acknowledging %.2f s = %.3f ms a row (DONE answers, in batches of %d)
        fetchAndLock + complete  : %,7d tasks in %6.2f s = %,8.0f tasks/s
        ratio                    : %.1fx
        %n""", BATCH, synced, syncSeconds, syncRate, acknowledging / 1e9, acknowledging / 1e6 / synced, BATCH, completed, taskSeconds,
        taskRate, syncRate / taskRate);
    io.onramp.testing.BenchSummary.add(String.format("Sync API           %,.0f rows/s claimed and acknowledged = %.1fx the engine's "
        + "external tasks (DESIGN decision 4); acknowledging %.3f ms a row", syncRate, syncRate / taskRate, acknowledging / 1e6 / synced));
  }

  private void seedSyncRows() {
    String onboarding = "sync-bench-" + UUID.randomUUID();
    jdbc.sql("insert into onramp_onboarding (id, process_definition_key, started_at, updated_at) values (?, 'bench', now(), now())")
        .param(onboarding).update();
    jdbc.sql("""
        insert into onramp_sync_item (crm, subject, kind, onboarding_id, task_id, version, payload, status, due_at, changed_at)
        select 'eloqua', 'task:' || ? || '-' || g, 'TASK', ?, ? || '-' || g, 1,
               '{"key":"onramp-task-x","name":"Hold kickoff call","status":"OPEN"}', 'PENDING', now(), now()
        from generate_series(1, ?) g
        """).params(onboarding, onboarding, onboarding, SYNC_ROWS + 20).update();
  }

  private void seedExternalTasks() {
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="https://example.com">
          <bpmn:process id="bench-sync" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="Event_Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_Sync" />
            <bpmn:serviceTask id="Task_Sync" camunda:type="external" camunda:topic="bench-sync" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Sync" targetRef="Event_End" />
            <bpmn:endEvent id="Event_End" />
          </bpmn:process>
        </bpmn:definitions>
        """.strip();
    as(ADMIN).postMultipart("/engine-rest/deployment/create", "bench-sync.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)).expect(200);
    for (int i = 0; i < EXTERNAL_TASKS + 20; i++) {
      runtime.startProcessInstanceByKey("bench-sync");
    }
  }

  /** A few rounds of each path first, so neither side pays for class loading and JIT alone. */
  private void warmUp(Api connector, Api worker) {
    for (int round = 0; round < 2; round++) {
      JsonNode batch = connector.post("/api/sync/eloqua/claim", Map.of("workerId", "warm", "maxItems", 10)).expect(200).json();
      List<Map<String, Object>> acks = new ArrayList<>();
      batch.forEach(i -> acks.add(Map.of("id", i.get("id").asLong(), "lease", i.get("lease").asText(), "version", i.get("version").asLong(), "outcome", "DONE")));
      if (!acks.isEmpty()) connector.post("/api/sync/eloqua/ack", Map.of("items", acks)).expect(200);
      JsonNode tasks = worker.post("/engine-rest/external-task/fetchAndLock", Map.of("workerId", "warm", "maxTasks", 10,
          "topics", List.of(Map.of("topicName", "bench-sync", "lockDuration", 600_000)))).expect(200).json();
      for (JsonNode task : tasks) {
        worker.post("/engine-rest/external-task/" + task.get("id").asText() + "/complete", Map.of("workerId", "warm")).expect(204);
      }
    }
  }
}

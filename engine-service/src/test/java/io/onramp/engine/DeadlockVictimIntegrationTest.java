package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A CSM completing a step while another transaction of the same journey holds what the completion needs,
 * and wants what the completion already holds: PostgreSQL breaks the deadlock by aborting one of them. When
 * the completion is the victim (an engine statement refused with 40P01, Camunda's DEADLOCK code), the CSM
 * must not see a 500: the completion runs again in a fresh transaction and does its work once. Seen in CI as
 * "Cannot complete task …: An exception occurred in the persistence layer" while a play of the journey ended.
 */
class DeadlockVictimIntegrationTest extends EngineIntegrationTest {

  @Autowired
  DataSource dataSource;
  @Autowired
  JdbcClient jdbc;

  @Test
  void shouldCompleteTheStepOnceWhenTheDatabaseAbortsTheCompletionToBreakADeadlock() throws Exception {
    Journeys journeys = new Journeys(as(ADMIN));
    String pi = journeys.submitHandoff("H-" + UUID.randomUUID(), "assisted", Map.of("hubspotDealId", "9301"));
    journeys.complete(pi, "Task_ReviewHandoff", Map.of("handoffAccepted", true));
    journeys.completeMarketingPlay(pi);
    journeys.complete(pi, "Task_HoldKickoffCall");
    String taskId = journeys.openTask(pi, "Task_CompleteTechnicalSetup").get("id").asText();

    CompletableFuture<Integer> completion;
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (var statement = other.createStatement()) {         // the completion (1 s) finds the deadlock first: it is the victim
        statement.execute("set local deadlock_timeout = '20s'");
      }
      lock(other, "select id_ from act_ru_task where id_ = ? for update", taskId);     // the other transaction holds the task
      completion = CompletableFuture.supplyAsync(() -> journeys.completeWith(pi, "Task_CompleteTechnicalSetup",
          io.onramp.processes.StepRecords.of("Task_CompleteTechnicalSetup", java.time.LocalDate.now())).status());
      awaitCompletionWaitingForTheTask(other);                                            // it has the onboarding, wants the task
      lock(other, "select id from onramp_onboarding where id = ? for update", pi);        // ... and the other wants the onboarding
      other.rollback();
    }

    assertThat(completion.get(60, TimeUnit.SECONDS)).as("the CSM's completion, answered after the deadlock").isEqualTo(204);
    journeys.openTask(pi, "Task_DeliverAdminTraining");
    JsonNode onboarding = as(ADMIN).get("/api/onboardings/" + pi).expect(200).json();
    assertThat(onboarding.get("stage").asText()).isEqualTo("TRAINING");
    assertThat(jdbc.sql("select count(*) from act_hi_taskinst where proc_inst_id_ = ? and task_def_key_ = 'Task_CompleteTechnicalSetup'")
        .param(pi).query(Long.class).single()).as("the step done once").isEqualTo(1);
    assertThat(jdbc.sql("select payload::jsonb ->> 'status' from onramp_sync_item where crm = 'hubspot' and task_id = ?")
        .param(taskId).query(String.class).list()).as("the step's task mirror, once, done").containsExactly("COMPLETED");
  }

  private static void lock(Connection connection, String sql, String id) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as(sql).isTrue();
      }
    }
  }

  /** Polls (with a deadline) until a backend other than {@code other}'s waits for a lock: the completion, at its flush. */
  private static void awaitCompletionWaitingForTheTask(Connection other) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (PreparedStatement waiting = other.prepareStatement(
        "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = waiting.executeQuery()) {
          rows.next();
          if (rows.getLong(1) > 0) {
            return;
          }
        }
        Thread.onSpinWait();
      }
    }
    throw new AssertionError("the completion never waited for the task the other transaction holds");
  }
}

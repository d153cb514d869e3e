package io.onramp.engine.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a migration would do (or did): per source version the plan's instructions, why the plan is
 * invalid if it is, and which journeys cannot move and why; with {@code execute}, the Camunda batch
 * that moves the others (its progress: {@code GET /api/journeys/migrations/{batchId}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationReport(String processDefinitionKey, Version target, boolean executed, int instances, int migratable,
                              List<Source> sources, String summary) {

  public record Version(String id, int version) {
  }

  public record Source(Version version, List<Instruction> instructions, List<String> planErrors, int instances, int migratable,
                       List<Blocked> blocked, String batchId) {
  }

  public record Instruction(String source, String target, boolean updateEventTrigger) {
  }

  /** A journey that cannot move with this plan, in Camunda's words (which activity, why). */
  public record Blocked(String processInstanceId, String businessKey, List<String> errors) {
  }

  /** A running migration batch: one job per journey. */
  public record Progress(String batchId, int total, int completed, int remaining, int failed, boolean finished) {
  }
}

package io.onramp.engine.deploy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Moving running journeys to a new version of their process: plan and validate first, then execute (designers, admins). */
@RestController
@RequestMapping("/api/journeys/migrations")
@Tag(name = "Journey migrations")
class MigrationController {

  private final JourneyMigrations migrations;

  MigrationController(JourneyMigrations migrations) {
    this.migrations = migrations;
  }

  @PostMapping
  @Operation(summary = "Plan and validate a migration of running journeys (nothing changes), or with \"execute\": true run it",
      description = "200 with the plan and every journey that cannot move and why; 202 when executed, with the batch per source version")
  ResponseEntity<MigrationReport> migrate(@Valid @RequestBody MigrationRequest request) {
    MigrationReport report = migrations.migrate(request);
    boolean started = report.sources().stream().anyMatch(s -> s.batchId() != null);
    return ResponseEntity.status(started ? HttpStatus.ACCEPTED : HttpStatus.OK).body(report);
  }

  @GetMapping("/{batchId}")
  @Operation(summary = "Progress of an executed migration: journeys moved, left and failed")
  MigrationReport.Progress progress(@PathVariable String batchId) {
    return migrations.progress(batchId);
  }
}

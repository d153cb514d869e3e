package io.onramp.engine.deploy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Which running journeys to move to which version of their process, and how activities map beyond
 * the ones with equal ids (docs/designer-guide.md, "Moving running journeys to a new version").
 *
 * @param processDefinitionKey the journey's process id, e.g. {@code customer-onboarding}
 * @param fromVersion          the version to move from; absent = every older version with running journeys
 * @param toVersion            the version to move to; absent = the latest
 * @param processInstanceIds   only these journeys; absent = all running on the source version(s)
 * @param mappings             activity id in the old version → its id in the new one, for renamed or replaced steps
 * @param updateEventTriggers  let timers and messages of mapped events take the new version's definition
 * @param execute              false (default): plan and validate only, nothing changes; true: migrate the journeys that validate
 */
public record MigrationRequest(@NotBlank String processDefinitionKey, @Positive Integer fromVersion, @Positive Integer toVersion,
                               @Size(max = 10_000) List<@NotBlank String> processInstanceIds,
                               @Size(max = 500) List<@Valid @NotNull Mapping> mappings, boolean updateEventTriggers,
                               boolean execute) {

  public MigrationRequest {
    mappings = mappings == null ? List.of() : List.copyOf(mappings);
  }

  /** {@code source} activity of the old version continues as {@code target} in the new one. */
  public record Mapping(@NotBlank String source, @NotBlank String target, boolean updateEventTrigger) {
  }
}

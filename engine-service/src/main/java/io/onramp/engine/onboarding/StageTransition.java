package io.onramp.engine.onboarding;

import io.onramp.processes.Stage;
import java.time.Instant;

/** {@code enteredAt}: the stage's business date (re-dated by a step that records one); {@code recordedAt}: when the engine recorded it. */
public record StageTransition(Stage from, Stage stage, String activityId, Instant enteredAt, Instant recordedAt, long version) {
}

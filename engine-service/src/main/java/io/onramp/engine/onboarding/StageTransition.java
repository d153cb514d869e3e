package io.onramp.engine.onboarding;

import io.onramp.processes.Stage;
import java.time.Instant;

public record StageTransition(Stage from, Stage stage, String activityId, Instant enteredAt, long version) {
}

package io.onramp.engine.sync;

import io.onramp.processes.Stage;
import java.time.Instant;

/**
 * A stage the onboarding entered and left again since its CRM last confirmed a version (a milestone
 * like FIRST_VALUE, or stages coalesced while the CRM was down): written before the current one so
 * the record's field history shows every stage in order.
 */
public record PassedStage(Stage stage, Instant enteredAt, long version) {
}

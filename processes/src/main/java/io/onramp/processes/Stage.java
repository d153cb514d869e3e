package io.onramp.processes;

import java.util.Arrays;
import java.util.Optional;

/**
 * Onboarding stages, in journey order. These exact names are what CRM admins see in their
 * picklists: never rename one. A designer marks an activity with the extension property
 * {@value #PROPERTY}=&lt;STAGE&gt; to say "entering this activity enters that stage".
 */
public enum Stage {
  HANDOFF, KICKOFF, SETUP, TRAINING, GO_LIVE, FIRST_VALUE, ADOPTION, STEADY_STATE, CANCELLED;

  /** The BPMN extension property that marks an activity as entering a stage. */
  public static final String PROPERTY = "onramp.stage";
  /**
   * Beside {@link #PROPERTY}: the variable holding the business date the stage is dated by (a form's
   * first-value or go-live date) instead of the moment the journey got there; on a user task it dates
   * the stage when the task completes.
   */
  public static final String DATE_PROPERTY = "onramp.stage.date";

  public static Optional<Stage> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
  }

  public boolean isFinal() {
    return this == STEADY_STATE || this == CANCELLED;
  }
}

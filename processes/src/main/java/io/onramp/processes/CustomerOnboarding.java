package io.onramp.processes;

/** Names used by {@code customer-onboarding.bpmn}: messages, plan outputs, handoff summary, task outputs. */
public final class CustomerOnboarding {
  public static final String PROCESS_ID = "customer-onboarding";
  public static final String DECISION_ID = "onboarding-plan";

  public static final String MESSAGE_HANDOFF_SUBMITTED = "HandoffSubmitted";
  public static final String MESSAGE_HANDOFF_REVISED = "HandoffRevised";
  public static final String MESSAGE_PRODUCT_ACTIVATED = "ProductActivated";
  public static final String MESSAGE_CUSTOMER_CANCELLED = "CustomerCancelled";

  public static final String TOPIC_MARKETING_JOURNEY = "marketing-journey";
  /** Tells handoff-service the CS lead's decision (reads handoffAccepted, revisionComments). */
  public static final String TOPIC_HANDOFF_REVIEW = "handoff-review";
  /** Input of a marketing-journey task: WELCOME, TRAINING_INVITATION or CSAT_SURVEY. */
  public static final String PLAY = "play";

  // plan inputs (besides JourneyVariables.SEGMENT)
  public static final String ARR = "arr";
  public static final String PRODUCT_COUNT = "productCount";
  /** The onboarding-plan decision's result: variant, sla*Days, csmGroup, setupGroup. */
  public static final String PLAN = "plan";

  // handoff summary shown read-only on every form
  public static final String GOALS = "goals";
  public static final String FIRST_VALUE_MILESTONE = "firstValueMilestone";
  public static final String STAKEHOLDERS = "stakeholders";
  public static final String REQUIREMENTS = "requirements";
  public static final String PAIN_POINTS = "painPoints";
  public static final String TARGET_GO_LIVE_DATE = "targetGoLiveDate";
  public static final String SALES_NOTES = "salesNotes";

  // outputs of steps
  public static final String HANDOFF_ACCEPTED = "handoffAccepted";
  public static final String REVISION_COMMENTS = "revisionComments";
  /** Who completed the handoff review (the engine's authenticated user), for the handoff's audit trail. */
  public static final String HANDOFF_REVIEWED_BY = "handoffReviewedBy";
  public static final String STALLED_STEP = "stalledStep";
  /** Input of the health play ({@code ${onrampHealth}}): ON_TRACK, AT_RISK or STALLED. */
  public static final String HEALTH = "health";

  private CustomerOnboarding() {}
}

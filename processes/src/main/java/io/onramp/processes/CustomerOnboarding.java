package io.onramp.processes;

/** Names used by {@code customer-onboarding.bpmn}: messages, plan outputs, handoff summary, task outputs. */
public final class CustomerOnboarding {
  public static final String PROCESS_ID = "customer-onboarding";
  public static final String DECISION_ID = "onboarding-plan";
  /** The health table (processes/onboarding-health.dmn): health and its reason from usage, open SLAs and the stage. */
  public static final String HEALTH_DECISION_ID = "onboarding-health";

  public static final String MESSAGE_HANDOFF_SUBMITTED = "HandoffSubmitted";
  public static final String MESSAGE_HANDOFF_REVISED = "HandoffRevised";
  public static final String MESSAGE_PRODUCT_ACTIVATED = "ProductActivated";
  public static final String MESSAGE_CUSTOMER_CANCELLED = "CustomerCancelled";
  /** Health left ON_TRACK on the health table's word: starts the rescue play (event sub-process "Health off track"). */
  public static final String MESSAGE_HEALTH_AT_RISK = "HealthAtRisk";
  /** Set when the product's activation signal arrives (ISO instant); the journey does not wait for activation again. */
  public static final String PRODUCT_ACTIVATED_AT = "productActivatedAt";
  /** The health table's reason and verdict, set with {@code HealthAtRisk} for the rescue task. */
  public static final String HEALTH_REASON = "healthReason";
  public static final String HEALTH_VERDICT = "healthVerdict";

  /** The rescue play (processes/rescue-play.bpmn), called with the journey's variables once the CS lead has chosen. */
  public static final String RESCUE_PLAY_ID = "rescue-play";
  /** The CS lead's choice: NUDGE, REASSIGN or ESCALATE. */
  public static final String RESCUE_ACTION = "rescueAction";
  /** REASSIGN: the user who takes the step over (one of its candidate groups). */
  public static final String REASSIGN_TO = "reassignTo";
  /** The stalled step's activity id, set on an SLA's rescue branch; absent when health called the rescue. */
  public static final String STALLED_TASK_KEY = "stalledTaskKey";
  /** The rescue's title ("Rescue stalled step: …", "Rescue: …"), passed to the play. */
  public static final String RESCUE_TITLE = "rescueTitle";

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
  /** Input of the health play ({@code ${onrampHealth}}): ON_TRACK, AT_RISK or OFF_TRACK. */
  public static final String HEALTH = "health";

  private CustomerOnboarding() {}
}

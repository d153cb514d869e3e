package io.onramp.processes;

/**
 * The variables every journey shares: the contract between handoff-service, any designer's BPMN,
 * the stage plugin and the connectors (DESIGN.md). An onboarding is linked to a CRM exactly when
 * that CRM's id variable is set.
 */
public final class JourneyVariables {
  public static final String HANDOFF_ID = "handoffId";
  public static final String ACCOUNT_NAME = "accountName";
  public static final String SEGMENT = "segment";
  public static final String HUBSPOT_DEAL_ID = "hubspotDealId";
  public static final String HUBSPOT_COMPANY_ID = "hubspotCompanyId";
  public static final String SALESFORCE_OPPORTUNITY_ID = "salesforceOpportunityId";
  public static final String SALESFORCE_ACCOUNT_ID = "salesforceAccountId";
  public static final String ELOQUA_CONTACT_EMAILS = "eloquaContactEmails";
  /** Optional JSON object email -> stakeholder role (EXECUTIVE_SPONSOR, CHAMPION, ADMIN, END_USER). */
  public static final String ELOQUA_CONTACT_ROLES = "eloquaContactRoles";
  /** Optional ISO-8601 instant or date of the closed-won deal; time-to-value counts from it. */
  public static final String CLOSED_WON_AT = "closedWonAt";
  /** Optional: the handoff's first product, a dimension of the insights ("customers like you"). */
  public static final String PRODUCT = "product";
  /** Optional: the handoff's completeness score (0–100) when it was first submitted. */
  public static final String HANDOFF_COMPLETENESS = "handoffCompleteness";
  /** Optional: the sales rep who owns the deal (the handoff's owner, an Onramp user id): the account executive told by plays. */
  public static final String SALES_REP = "salesRep";
  /** Optional ISO-8601 instant of the handoff's first submission (closed-won → handoff in the insights). */
  public static final String HANDOFF_SUBMITTED_AT = "handoffSubmittedAt";

  private JourneyVariables() {}
}

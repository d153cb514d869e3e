package io.onramp.handoff.journey;

import io.onramp.handoff.handoff.Handoff;
import io.onramp.handoff.handoff.HandoffContent;
import io.onramp.handoff.handoff.HandoffContent.Stakeholder;
import io.onramp.processes.CustomerOnboarding;
import io.onramp.processes.JourneyVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The handoff as journey variables (Camunda REST typed values): the contract of DESIGN.md plus the summary the forms show. */
final class JourneyVariablesOf {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private JourneyVariablesOf() {}

  static Map<String, Object> handoff(Handoff handoff) {
    HandoffContent c = handoff.content();
    Map<String, Object> v = new LinkedHashMap<>();
    put(v, JourneyVariables.HANDOFF_ID, handoff.id(), "String");
    put(v, JourneyVariables.ACCOUNT_NAME, c.account().name(), "String");
    put(v, JourneyVariables.SEGMENT, c.account().segment() == null ? null : c.account().segment().value(), "String");
    put(v, CustomerOnboarding.ARR, c.arr() == null ? null : c.arr().doubleValue(), "Double");
    put(v, CustomerOnboarding.PRODUCT_COUNT, c.products().size(), "Integer");
    put(v, JourneyVariables.PRODUCT, c.products().isEmpty() ? null : c.products().getFirst().name(), "String");
    put(v, JourneyVariables.HANDOFF_COMPLETENESS, handoff.completenessScore(), "Integer");
    put(v, JourneyVariables.HANDOFF_SUBMITTED_AT, handoff.firstSubmittedAt() == null ? null : handoff.firstSubmittedAt().toString(),
        "String");
    put(v, JourneyVariables.SALES_REP, handoff.owner(), "String");
    put(v, JourneyVariables.HUBSPOT_DEAL_ID, c.crm().hubspotDealId(), "String");
    put(v, JourneyVariables.HUBSPOT_COMPANY_ID, c.crm().hubspotCompanyId(), "String");
    put(v, JourneyVariables.SALESFORCE_OPPORTUNITY_ID, c.crm().salesforceOpportunityId(), "String");
    put(v, JourneyVariables.SALESFORCE_ACCOUNT_ID, c.crm().salesforceAccountId(), "String");
    put(v, JourneyVariables.CLOSED_WON_AT, c.closedWonDate() == null ? null : c.closedWonDate().toString(), "String");
    List<String> emails = c.stakeholders().stream().map(Stakeholder::email).distinct().toList();
    if (!emails.isEmpty()) {
      put(v, JourneyVariables.ELOQUA_CONTACT_EMAILS, emails.stream().map(e -> "\"" + e.replace("\"", "") + "\"")
          .collect(Collectors.joining(",", "[", "]")), "Json");
      put(v, JourneyVariables.ELOQUA_CONTACT_ROLES, rolesJson(c.stakeholders()), "Json");
    }
    put(v, CustomerOnboarding.GOALS, numbered(c.goals().stream().map(g -> g.description()
        + (g.successCriterion() == null ? "" : " - success: " + g.successCriterion())
        + (g.targetDate() == null ? "" : " (by " + g.targetDate() + ")")).toList()), "String");
    put(v, CustomerOnboarding.FIRST_VALUE_MILESTONE, c.firstValueMilestone(), "String");
    put(v, CustomerOnboarding.STAKEHOLDERS, c.stakeholders().stream().map(s -> label(s.role()) + ": " + s.name()
        + " <" + s.email() + ">" + (s.phone() == null ? "" : ", " + s.phone())).collect(Collectors.joining("\n")), "String");
    String requirements = numbered(c.requirements());
    if (!c.integrations().isEmpty()) {
      requirements += (requirements.isEmpty() ? "" : "\n") + "Integrations: " + String.join(", ", c.integrations());
    }
    put(v, CustomerOnboarding.REQUIREMENTS, requirements, "String");
    put(v, CustomerOnboarding.PAIN_POINTS, numbered(c.painPoints()), "String");
    put(v, CustomerOnboarding.TARGET_GO_LIVE_DATE, c.targetGoLiveDate() == null ? null : c.targetGoLiveDate().toString(), "String");
    String notes = c.risks().isEmpty() ? "" : "Risks:\n" + numbered(c.risks());
    if (c.salesNotes() != null) {
      notes += (notes.isEmpty() ? "" : "\n") + c.salesNotes();
    }
    put(v, CustomerOnboarding.SALES_NOTES, notes, "String");
    return v;
  }

  /** email -> role, the first role named for an email winning (as the email list keeps the first). */
  private static String rolesJson(List<Stakeholder> stakeholders) {
    Map<String, String> roles = new LinkedHashMap<>();
    stakeholders.forEach(s -> roles.putIfAbsent(s.email(), s.role().name()));
    try {
      return JSON.writeValueAsString(roles);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(Map<String, Object> variables, String name, Object value, String type) {
    if (value != null) {
      variables.put(name, Map.of("value", value, "type", type));
    }
  }

  private static String numbered(List<String> items) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      text.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(items.get(i));
    }
    return text.toString();
  }

  private static String label(HandoffContent.StakeholderRole role) {
    String words = role.name().toLowerCase().replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}

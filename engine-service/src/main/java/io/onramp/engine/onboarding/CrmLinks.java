package io.onramp.engine.onboarding;

import io.onramp.processes.JourneyVariables;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The CRM records an onboarding is linked to, read from the journey variables of DESIGN.md.
 * An onboarding is linked to a CRM exactly when that CRM's id variable is set.
 */
public record CrmLinks(String hubspotDealId, String hubspotCompanyId, String salesforceOpportunityId,
                       String salesforceAccountId, List<String> eloquaContactEmails) {

  public static CrmLinks of(VariableScope journey) {
    return new CrmLinks(text(journey, JourneyVariables.HUBSPOT_DEAL_ID), text(journey, JourneyVariables.HUBSPOT_COMPANY_ID),
        text(journey, JourneyVariables.SALESFORCE_OPPORTUNITY_ID), text(journey, JourneyVariables.SALESFORCE_ACCOUNT_ID),
        emails(journey.getVariable(JourneyVariables.ELOQUA_CONTACT_EMAILS)));
  }

  public Set<Crm> linked() {
    Set<Crm> crms = EnumSet.noneOf(Crm.class);
    if (hubspotDealId != null) crms.add(Crm.HUBSPOT);
    if (salesforceOpportunityId != null) crms.add(Crm.SALESFORCE);
    if (!eloquaContactEmails.isEmpty()) crms.add(Crm.ELOQUA);
    return crms;
  }

  private static String text(VariableScope journey, String name) {
    Object value = journey.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  static List<String> emails(Object value) {
    if (value instanceof Collection<?> list) {
      return list.stream().filter(e -> e != null && !e.toString().isBlank()).map(e -> e.toString().trim()).toList();
    }
    if (value instanceof SpinJsonNode json && json.isArray()) {
      return json.elements().stream().map(SpinJsonNode::stringValue).filter(e -> !e.isBlank()).map(String::trim).toList();
    }
    if (value instanceof String csv && !csv.isBlank()) {
      return List.of(csv.trim().split("\\s*,\\s*"));
    }
    return List.of();
  }
}

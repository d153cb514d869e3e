package io.onramp.engine.onboarding;

import io.onramp.processes.JourneyVariables;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The CRM records an onboarding is linked to, read from the journey variables of DESIGN.md.
 * An onboarding is linked to a CRM exactly when that CRM's id variable is set. {@code eloquaContactRoles}
 * (optional) gives each stakeholder's role by email.
 */
public record CrmLinks(String hubspotDealId, String hubspotCompanyId, String salesforceOpportunityId,
                       String salesforceAccountId, List<String> eloquaContactEmails, Map<String, String> eloquaContactRoles) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public CrmLinks {
    eloquaContactRoles = eloquaContactRoles == null ? Map.of() : Map.copyOf(eloquaContactRoles);
  }

  public static CrmLinks of(VariableScope journey) {
    return new CrmLinks(text(journey, JourneyVariables.HUBSPOT_DEAL_ID), text(journey, JourneyVariables.HUBSPOT_COMPANY_ID),
        text(journey, JourneyVariables.SALESFORCE_OPPORTUNITY_ID), text(journey, JourneyVariables.SALESFORCE_ACCOUNT_ID),
        emails(journey.getVariable(JourneyVariables.ELOQUA_CONTACT_EMAILS)),
        roles(journey.getVariable(JourneyVariables.ELOQUA_CONTACT_ROLES)));
  }

  /** The roles as stored in the onboarding row (a JSON object), or null when there are none. */
  public String rolesJson() {
    try {
      return eloquaContactRoles.isEmpty() ? null : JSON.writeValueAsString(eloquaContactRoles);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Roles from a Map, a Spin JSON object or JSON text; anything else (or nothing) is no roles. */
  static Map<String, String> roles(Object value) {
    Map<String, String> roles = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> { if (k != null && v != null) roles.put(k.toString().trim(), v.toString().trim()); });
    } else if (value instanceof SpinJsonNode json && json.isObject()) {
      json.fieldNames().forEach(name -> roles.put(name.trim(), json.prop(name).stringValue().trim()));
    } else if (value instanceof String text && !text.isBlank()) {
      try {
        JSON.readValue(text, new TypeReference<Map<String, String>>() { }).forEach((k, v) -> roles.put(k.trim(), v.trim()));
      } catch (JsonProcessingException notAMap) {
        return Map.of();
      }
    }
    return roles;
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

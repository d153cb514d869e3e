package io.onramp.connector.hubspot.provision;

import io.onramp.connector.hubspot.api.HubSpotCrmApi;
import io.onramp.connector.hubspot.api.HubSpotError;
import io.onramp.connector.hubspot.sync.HubSpotCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the properties CRM admins see and the connector writes, once: the deal properties
 * {@code onboarding_stage} (picklist of the stages), {@code onboarding_health}, {@code onboarding_ttv_days},
 * {@code onboarding_url}, and the unique task property {@code onboarding_task_key}. An existing
 * property (409) counts as provisioned. Switch off with {@code onramp.hubspot.provision=false}
 * where admins manage properties themselves.
 */
@Component
@ConditionalOnProperty(name = "onramp.hubspot.provision", havingValue = "true", matchIfMissing = true)
class PropertyProvisioning {

  static final List<String> STAGES = List.of("HANDOFF", "KICKOFF", "SETUP", "TRAINING", "GO_LIVE", "FIRST_VALUE", "ADOPTION",
      "STEADY_STATE", "CANCELLED");
  static final List<String> HEALTH = List.of("ON_TRACK", "AT_RISK", "STALLED");
  private static final Logger log = LoggerFactory.getLogger(PropertyProvisioning.class);

  private final HubSpotCrmApi hubspot;
  private final HubSpotCalls calls;

  PropertyProvisioning(HubSpotCrmApi hubspot, HubSpotCalls calls) {
    this.hubspot = hubspot;
    this.calls = calls;
  }

  @EventListener(ApplicationReadyEvent.class)
  void provision() {
    for (var entry : List.of(
        Map.entry("deals", picklist("onboarding_stage", "Onboarding stage", STAGES)),
        Map.entry("deals", picklist("onboarding_health", "Onboarding health", HEALTH)),
        Map.entry("deals", property("onboarding_ttv_days", "Onboarding time to value (days)", "number", "number", false)),
        Map.entry("deals", property("onboarding_url", "Onboarding journey", "string", "text", false)),
        Map.entry("tasks", property("onboarding_task_key", "Onboarding task key", "string", "text", true)))) {
      create(entry.getKey(), entry.getValue());
    }
  }

  private void create(String objectType, Map<String, Object> property) {
    try {
      calls.call("properties.create", () -> hubspot.createProperty(objectType, property));
      log.info("HubSpot {} property {} created", objectType, property.get("name"));
    } catch (HubSpotError e) {
      if (e.status() == 409) {
        log.info("HubSpot {} property {} exists already", objectType, property.get("name"));
      } else {
        log.error("HubSpot {} property {} could not be created ({}); writes using it will fail until a CRM admin creates it "
            + "or the connector restarts with access (scope crm.schemas.{}.write)", objectType, property.get("name"),
            e.getMessage(), objectType);
      }
    }
  }

  private static Map<String, Object> picklist(String name, String label, List<String> values) {
    List<Map<String, Object>> options = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String text = value.charAt(0) + value.substring(1).toLowerCase().replace('_', ' ');
      options.add(Map.of("label", text, "value", value, "displayOrder", i, "hidden", false));
    }
    Map<String, Object> property = new java.util.HashMap<>(property(name, label, "enumeration", "select", false));
    property.put("options", options);
    return property;
  }

  private static Map<String, Object> property(String name, String label, String type, String fieldType, boolean unique) {
    Map<String, Object> property = new java.util.HashMap<>(Map.of("name", name, "label", label, "type", type,
        "fieldType", fieldType, "groupName", "dealinformation", "description", "Written by Onramp; do not edit by hand."));
    if (unique) {
      property.put("hasUniqueValue", true);
      property.put("groupName", "taskinformation");
    }
    return property;
  }
}

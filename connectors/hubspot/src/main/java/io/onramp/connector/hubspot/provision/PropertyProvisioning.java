package io.onramp.connector.hubspot.provision;

import io.onramp.connector.hubspot.api.HubSpotCrmApi;
import io.onramp.connector.sync.VendorError;
import io.onramp.connector.hubspot.sync.HubSpotCalls;
import java.time.Duration;
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
 * {@code onboarding_url}, {@code onboarding_handoff_url} (the sales rep's handoff page), and the unique task property {@code onboarding_task_key}. An existing
 * property (409) counts as provisioned. Tried at start; what could not be created is tried again in
 * the background (5 s doubling to 5 min) and, until everything exists, the sync loop holds its writes
 * back rather than failing them. Switch off with {@code onramp.hubspot.provision=false} where admins
 * manage properties themselves.
 */
@Component
@ConditionalOnProperty(name = "onramp.hubspot.provision", havingValue = "true", matchIfMissing = true)
public class PropertyProvisioning {

  static final List<String> STAGES = List.of("HANDOFF", "KICKOFF", "SETUP", "TRAINING", "GO_LIVE", "FIRST_VALUE", "ADOPTION",
      "STEADY_STATE", "CANCELLED");
  static final List<String> HEALTH = List.of("ON_TRACK", "AT_RISK", "OFF_TRACK");
  private static final Logger log = LoggerFactory.getLogger(PropertyProvisioning.class);

  private static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
  private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

  private final HubSpotCrmApi hubspot;
  private final HubSpotCalls calls;
  private volatile boolean done;

  PropertyProvisioning(HubSpotCrmApi hubspot, HubSpotCalls calls) {
    this.hubspot = hubspot;
    this.calls = calls;
  }

  /** Whether every property exists, so that writes using them can go. */
  public boolean done() {
    return done;
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    if (!provision()) {
      Thread.ofPlatform().daemon().name("hubspot-provisioning").start(this::untilDone);
    }
  }

  private void untilDone() {
    Duration pause = FIRST_PAUSE;
    while (!done) {
      log.warn("HubSpot properties not all provisioned; trying again in {} s (writes wait until then)", pause.toSeconds());
      try {
        Thread.sleep(pause.toMillis());        // a background retry with growing pauses
      } catch (InterruptedException e) {
        return;
      }
      provision();
      pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    }
  }

  /** Creates what is missing; true when every property exists. */
  boolean provision() {
    boolean all = true;
    for (var entry : List.of(
        Map.entry("deals", picklist("onboarding_stage", "Onboarding stage", STAGES)),
        Map.entry("deals", picklist("onboarding_health", "Onboarding health", HEALTH)),
        Map.entry("deals", property("onboarding_ttv_days", "Onboarding time to value (days)", "number", "number", false)),
        Map.entry("deals", property("onboarding_url", "Onboarding journey", "string", "text", false)),
        Map.entry("deals", property("onboarding_handoff_url", "Onboarding handoff (sales)", "string", "text", false)),
        Map.entry("tasks", property("onboarding_task_key", "Onboarding task key", "string", "text", true)))) {
      all &= create(entry.getKey(), entry.getValue());
    }
    done = all;
    return all;
  }

  private boolean create(String objectType, Map<String, Object> property) {
    try {
      calls.call("properties.create", () -> hubspot.createProperty(objectType, property));
      log.info("HubSpot {} property {} created", objectType, property.get("name"));
      return true;
    } catch (VendorError e) {
      if (e.status() == 409) {
        log.info("HubSpot {} property {} exists already", objectType, property.get("name"));
        return true;
      }
      log.error("HubSpot {} property {} could not be created ({}); writes wait until it exists (a CRM admin can create it, "
          + "or grant scope crm.schemas.{}.write)", objectType, property.get("name"), e.getMessage(), objectType);
      return false;
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

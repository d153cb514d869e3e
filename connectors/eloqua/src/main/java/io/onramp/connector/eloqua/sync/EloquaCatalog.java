package io.onramp.connector.eloqua.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.connector.eloqua.EloquaProperties;
import io.onramp.connector.eloqua.api.EloquaApi;
import io.onramp.connector.sync.VendorError;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids of the instance's assets, by the names an admin configures: contact fields by internal name,
 * the "Onboarding" custom object and its fields, a form's fields by HTML name. Looked up once and
 * cached; a missing one is a clear configuration error naming what to create.
 */
public class EloquaCatalog {

  /** The custom object's id and its fields' ids by internal name. */
  public record CustomObject(String id, Map<String, String> fieldIds) {
    public String field(String internalName) {
      String id = fieldIds.get(internalName);
      if (id == null) {
        throw new VendorError(VendorError.Kind.REJECTED, 0, "the Eloqua custom object has no field with internal name '"
            + internalName + "' (fields: " + fieldIds.keySet() + "); create it or fix onramp.eloqua.onboarding-object");
      }
      return id;
    }
  }

  private final EloquaApi api;
  private final EloquaCalls calls;
  private final EloquaProperties properties;
  private final Map<String, String> contactFieldIds = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> formFieldIds = new ConcurrentHashMap<>();
  private volatile CustomObject onboardingObject;

  public EloquaCatalog(EloquaApi api, EloquaCalls calls, EloquaProperties properties) {
    this.api = api;
    this.calls = calls;
    this.properties = properties;
  }

  public String contactField(String internalName) {
    String cached = contactFieldIds.get(internalName);
    if (cached != null) {
      return cached;
    }
    JsonNode found = calls.call("contact.fields.search", base -> api.contactFields(base, "internalName='" + internalName + "'", "partial"));
    for (JsonNode field : found.path("elements")) {
      if (internalName.equalsIgnoreCase(field.path("internalName").asText())) {
        contactFieldIds.put(internalName, field.path("id").asText());
        return field.path("id").asText();
      }
    }
    throw new VendorError(VendorError.Kind.REJECTED, 0, "Eloqua has no contact field with internal name '" + internalName
        + "'; create it or set onramp.eloqua.contact-fields");
  }

  public CustomObject onboardingObject() {
    CustomObject cached = onboardingObject;
    if (cached != null) {
      return cached;
    }
    String name = properties.onboardingObject().name();
    JsonNode found = calls.call("customObjects.search", base -> api.customObjects(base, "name='" + name + "'", "complete"));
    for (JsonNode object : found.path("elements")) {
      if (name.equals(object.path("name").asText())) {
        Map<String, String> fields = new HashMap<>();
        object.path("fields").forEach(f -> fields.put(f.path("internalName").asText(), f.path("id").asText()));
        onboardingObject = new CustomObject(object.path("id").asText(), Map.copyOf(fields));
        return onboardingObject;
      }
    }
    throw new VendorError(VendorError.Kind.REJECTED, 0, "Eloqua has no custom object named '" + name
        + "'; create it or set onramp.eloqua.onboarding-object.name");
  }

  /** A form's field ids by HTML name. */
  public Map<String, String> formFields(String formId) {
    return formFieldIds.computeIfAbsent(formId, id -> {
      JsonNode form = calls.call("form.read", base -> api.form(base, id));
      Map<String, String> fields = new HashMap<>();
      form.path("elements").forEach(e -> {
        if (e.has("htmlName")) fields.put(e.path("htmlName").asText(), e.path("id").asText());
      });
      return Map.copyOf(fields);
    });
  }
}

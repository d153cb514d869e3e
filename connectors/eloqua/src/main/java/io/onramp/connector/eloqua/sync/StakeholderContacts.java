package io.onramp.connector.eloqua.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.connector.eloqua.EloquaProperties;
import io.onramp.connector.eloqua.api.EloquaApi;
import io.onramp.connector.sync.VendorError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stakeholder contact at a time: found by email (created when missing), then the onboarding
 * stage and the stakeholder's role written to the configured contact fields. Search-then-write is
 * Eloqua's only idempotency: a retry finds the contact the first attempt created.
 */
public class StakeholderContacts {

  private final EloquaApi api;
  private final EloquaCalls calls;
  private final EloquaCatalog catalog;
  private final EloquaProperties properties;

  public StakeholderContacts(EloquaApi api, EloquaCalls calls, EloquaCatalog catalog, EloquaProperties properties) {
    this.api = api;
    this.calls = calls;
    this.catalog = catalog;
    this.properties = properties;
  }

  public void write(String email, String stage, String role) {
    FieldValues values = new FieldValues().put(catalog.contactField(properties.contactFields().stage()), stage);
    if (role != null) {
      values.put(catalog.contactField(properties.contactFields().role()), role);
    }
    String id = find(email);
    if (id == null) {
      try {
        calls.call("contact.create", base -> api.createContact(base, contact(null, email, values)));
        return;
      } catch (VendorError e) {
        if (e.kind() != VendorError.Kind.REJECTED || !e.getMessage().contains("Uniqueness")) {
          throw e;
        }
        id = find(email);                       // created meanwhile by someone else: update it
        if (id == null) {
          throw e;
        }
      }
    }
    String contactId = id;
    calls.call("contact.update", base -> api.updateContact(base, contactId, contact(contactId, email, values)));
  }

  private String find(String email) {
    JsonNode found = calls.call("contacts.search", base -> api.searchContacts(base, "emailAddress='" + email + "'", "minimal", 2));
    for (JsonNode contact : found.path("elements")) {
      if (email.equalsIgnoreCase(contact.path("emailAddress").asText(email))) {
        return contact.path("id").asText();
      }
    }
    return null;
  }

  private static Map<String, Object> contact(String id, String email, FieldValues values) {
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("type", "Contact");
    if (id != null) {
      contact.put("id", id);
    }
    contact.put("emailAddress", email);
    contact.put("fieldValues", values.list());
    return contact;
  }
}

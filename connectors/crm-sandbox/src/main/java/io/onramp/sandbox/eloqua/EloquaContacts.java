package io.onramp.sandbox.eloqua;

import static io.onramp.sandbox.eloqua.EloquaData.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onramp.sandbox.Answer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contacts: search by email, create (a valid, unused email; errors as typed ObjectValidationErrors), update by id
 * (field values merged), and the contact field assets the connector looks up by internal name.
 */
final class EloquaContacts implements EloquaRoute {

  private static final Pattern CONTACT = Pattern.compile("/api/REST/1.0/data/contact/(\\d+)");

  private final EloquaData data;

  EloquaContacts(EloquaData data) {
    this.data = data;
  }

  @Override
  public Answer answer(String method, String path, Map<String, String> query, String body) throws Exception {
    Matcher m;
    if (method.equals("GET") && path.equals("/api/REST/1.0/data/contacts")) {
      ObjectNode page = EloquaData.page();
      ObjectNode contact = data.contactsByEmail.get(EloquaData.quoted(query.get("search")).toLowerCase());
      if (contact != null) ((ArrayNode) page.get("elements")).add(contact.deepCopy());
      page.put("total", contact == null ? 0 : 1);
      return Answer.json(200, page.toString());
    }
    if (method.equals("POST") && path.equals("/api/REST/1.0/data/contact")) {
      return create(JSON.readTree(body));
    }
    if (method.equals("PUT") && (m = CONTACT.matcher(path)).matches()) {
      String id = m.group(1);
      ObjectNode existing = data.contactsByEmail.values().stream().filter(c -> c.path("id").asText().equals(id)).findFirst().orElse(null);
      if (existing == null) return Answer.json(404, "{\"type\":\"Error\",\"message\":\"Contact not found\"}");
      EloquaData.merge(existing, JSON.readTree(body).path("fieldValues"));
      return Answer.json(200, existing.toString());
    }
    if (method.equals("GET") && path.equals("/api/REST/1.0/assets/contact/fields")) {
      String name = EloquaData.quoted(query.get("search"));
      ObjectNode page = EloquaData.page();
      String id = name.equals("C_Onboarding_Stage1") ? EloquaSim.STAGE_FIELD : name.equals("C_Onboarding_Role1") ? EloquaSim.ROLE_FIELD : null;
      if (id != null) ((ArrayNode) page.get("elements")).addObject().put("type", "ContactField").put("id", id).put("internalName", name);
      return Answer.json(200, page.toString());
    }
    return null;
  }

  private Answer create(JsonNode contact) {
    String email = contact.path("emailAddress").asText();
    if (!EloquaData.valid(email)) {
      return Answer.json(400, "[{\"type\":\"ObjectValidationError\",\"container\":{\"type\":\"ObjectKey\",\"objectType\":\"Contact\"},"
          + "\"property\":\"emailAddress\",\"requirement\":{\"type\":\"EmailAddressRequirement\"},\"value\":\"" + email + "\"}]");
    }
    if (data.contactsByEmail.containsKey(email.toLowerCase())) {
      return Answer.json(400, "{\"type\":\"ObjectValidationError\",\"property\":\"emailAddress\","
          + "\"requirement\":{\"type\":\"UniquenessRequirement\"},\"value\":\"" + email + "\"}");
    }
    ObjectNode created = ((ObjectNode) contact).put("id", data.next());
    data.contactsByEmail.put(email.toLowerCase(), created);
    return Answer.json(201, created.toString());
  }
}

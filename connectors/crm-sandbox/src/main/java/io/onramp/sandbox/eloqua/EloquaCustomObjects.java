package io.onramp.sandbox.eloqua;

import static io.onramp.sandbox.eloqua.EloquaData.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onramp.sandbox.Answer;
import java.util.Map;

/** The "Onboarding" custom object: its definition with field ids, and its records — search, create, update. */
final class EloquaCustomObjects implements EloquaRoute {

  private final EloquaData data;

  EloquaCustomObjects(EloquaData data) {
    this.data = data;
  }

  @Override
  public Answer answer(String method, String path, Map<String, String> query, String body) throws Exception {
    if (method.equals("GET") && path.equals("/api/REST/2.0/assets/customObjects")) {
      ObjectNode page = EloquaData.page();
      if (EloquaData.quoted(query.get("search")).equals("Onboarding")) {
        ObjectNode object = ((ArrayNode) page.get("elements")).addObject().put("type", "CustomObject").put("id", EloquaSim.OBJECT_ID)
            .put("name", "Onboarding");
        ArrayNode fields = object.putArray("fields");
        EloquaData.RECORD_FIELDS.forEach((name, id) -> fields.addObject().put("type", "CustomObjectField").put("id", id)
            .put("internalName", name));
      }
      return Answer.json(200, page.toString());
    }
    if (!path.startsWith("/api/REST/2.0/data/customObject/" + EloquaSim.OBJECT_ID + "/instance")) {
      return null;
    }
    if (method.equals("GET")) {
      String onboardingId = EloquaData.quoted(query.get("search"));
      ObjectNode page = EloquaData.page();
      data.records.values().stream().filter(r -> onboardingId.equals(EloquaData.fieldValue(r, "501")))
          .forEach(r -> ((ArrayNode) page.get("elements")).add(r.deepCopy()));
      return Answer.json(200, page.toString());
    }
    ObjectNode record = (ObjectNode) JSON.readTree(body);
    if (method.equals("POST")) {
      record.put("id", data.next());
      data.records.put(record.get("id").asText(), record);
      return Answer.json(201, record.toString());
    }
    String id = path.substring(path.lastIndexOf('/') + 1);
    if (!data.records.containsKey(id)) return Answer.json(404, "{\"type\":\"Error\",\"message\":\"not found\"}");
    EloquaData.merge(data.records.get(id), record.path("fieldValues"));
    return Answer.json(200, data.records.get(id).toString());
  }
}

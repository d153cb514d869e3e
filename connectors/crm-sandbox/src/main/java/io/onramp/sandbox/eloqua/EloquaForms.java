package io.onramp.sandbox.eloqua;

import static io.onramp.sandbox.eloqua.EloquaData.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onramp.sandbox.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plays' forms: their definitions (an email field, and the hidden enrolment key unless an admin forgot it) and
 * their submissions — listed, or made (the email must be valid), each one enrolling the contact in a nurture.
 */
final class EloquaForms implements EloquaRoute {

  private static final Pattern FORM = Pattern.compile("/api/REST/2.0/assets/form/(\\d+)");
  private static final Pattern DATA = Pattern.compile("/api/REST/2.0/data/form/(\\d+)");
  private static final List<String> PLAYS = List.of(EloquaSim.WELCOME_FORM, EloquaSim.CSAT_FORM, EloquaSim.TRAINING_FORM);

  private final EloquaData data;
  final List<ObjectNode> submissions = new ArrayList<>();
  boolean formHasKeyField = true;

  EloquaForms(EloquaData data) {
    this.data = data;
  }

  void clear() {
    submissions.clear();
    formHasKeyField = true;
  }

  @Override
  public Answer answer(String method, String path, Map<String, String> query, String body) throws Exception {
    Matcher m;
    if ((m = FORM.matcher(path)).matches() && method.equals("GET")) {
      if (!PLAYS.contains(m.group(1))) {
        return Answer.json(404, "{\"type\":\"Error\",\"message\":\"There is no form with id " + m.group(1) + "\"}");
      }
      String form = "{\"type\":\"Form\",\"id\":\"" + m.group(1) + "\",\"name\":\"Onramp play\",\"elements\":["
          + "{\"type\":\"FormField\",\"id\":\"9001\",\"name\":\"Email Address\",\"htmlName\":\"emailAddress\",\"displayType\":\"text\"}"
          + (formHasKeyField ? ",{\"type\":\"FormField\",\"id\":\"9002\",\"name\":\"Onramp key\",\"htmlName\":\"onrampEnrolmentKey\","
          + "\"displayType\":\"hidden\"}" : "") + "]}";
      return Answer.json(200, form);
    }
    if (!(m = DATA.matcher(path)).matches()) {
      return null;
    }
    String formId = m.group(1);
    if (method.equals("GET")) {
      ObjectNode page = EloquaData.page();
      submissions.stream().filter(s -> s.path("formId").asText().equals(formId))
          .forEach(s -> ((ArrayNode) page.get("elements")).add(s.deepCopy()));
      page.put("total", page.get("elements").size());
      return Answer.json(200, page.toString());
    }
    ObjectNode submission = (ObjectNode) JSON.readTree(body);
    for (JsonNode value : submission.path("fieldValues")) {
      if (value.path("id").asText().equals("9001") && !EloquaData.valid(value.path("value").asText())) {
        return Answer.json(400, "{\"type\":\"ObjectValidationError\",\"property\":\"9001\",\"requirement\":{\"type\":\"EmailAddressRequirement\"},"
            + "\"value\":\"" + value.path("value").asText() + "\"}");
      }
    }
    submission.put("id", data.next()).put("formId", formId);
    submissions.add(submission);
    return Answer.json(201, submission.toString());
  }

  /** How many times a form was submitted for an email. */
  long submissionsOf(String formId, String email) {
    return submissions.stream().filter(s -> s.path("formId").asText().equals(formId)).filter(s -> {
      for (JsonNode v : s.path("fieldValues")) {
        if (v.path("id").asText().equals("9001") && v.path("value").asText().equalsIgnoreCase(email)) return true;
      }
      return false;
    }).count();
  }
}

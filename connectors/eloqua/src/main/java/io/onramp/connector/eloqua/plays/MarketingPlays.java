package io.onramp.connector.eloqua.plays;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.connector.eloqua.EloquaProperties;
import io.onramp.connector.eloqua.api.EloquaApi;
import io.onramp.connector.sync.VendorError;
import io.onramp.connector.eloqua.sync.EloquaCalls;
import io.onramp.connector.eloqua.sync.EloquaCatalog;
import io.onramp.connector.limit.BudgetSpent;
import io.onramp.connector.step.JourneyStepHandler;
import io.onramp.connector.step.StepResult;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.task.ExternalTask;

/**
 * The journey's milestone plays (topic {@code marketing-journey}, input {@code play}): the play's
 * stakeholders are enrolled into its Eloqua nurture by submitting the play's form, whose processing
 * steps add them to the campaign. Once per stakeholder per play: every submission carries the key
 * {@code <onboarding>:<play>:<email>} in the form's hidden field {@value #KEY_FIELD}, and the form's
 * recent submissions are read first, so a retried or re-fetched step skips whoever is already in.
 */
public class MarketingPlays implements JourneyStepHandler {

  public static final String TOPIC = "marketing-journey";
  public static final String KEY_FIELD = "onrampEnrolmentKey";
  private static final String EMAIL_FIELD = "emailAddress";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EloquaApi api;
  private final EloquaCalls calls;
  private final EloquaCatalog catalog;
  private final EloquaProperties properties;
  private final Clock clock;

  public MarketingPlays(EloquaApi api, EloquaCalls calls, EloquaCatalog catalog, EloquaProperties properties, Clock clock) {
    this.api = api;
    this.calls = calls;
    this.catalog = catalog;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public StepResult handle(ExternalTask step) {
    String play = String.valueOf((Object) step.getVariable("play"));
    EloquaProperties.Play config = properties.plays().get(play);
    if (config == null || config.formId() == null || config.formId().isBlank()) {
      return new StepResult.Incident("no Eloqua form for play " + play + ": set onramp.eloqua.plays." + play
          + ".form-id (ONRAMP_ELOQUA_FORM_" + play + ")");
    }
    Map<String, String> roles = roles((Object) step.getVariable("eloquaContactRoles"));
    if (roles == null) {
      return new StepResult.Incident("play " + play + ": eloquaContactRoles is not a JSON object of email -> role: "
          + (Object) step.getVariable("eloquaContactRoles"));
    }
    List<String> audience = emails((Object) step.getVariable("eloquaContactEmails")).stream()
        .filter(email -> config.roles().isEmpty() || config.roles().contains(roles.get(email))).toList();
    if (audience.isEmpty()) {
      return StepResult.complete();
    }
    try {
      Map<String, String> fields = catalog.formFields(config.formId());
      String emailField = required(fields, EMAIL_FIELD, config.formId(), play);
      String keyField = required(fields, KEY_FIELD, config.formId(), play);
      Set<String> done = submittedKeys(config.formId(), keyField);
      for (String email : audience) {
        String key = step.getProcessInstanceId() + ":" + play + ":" + email.toLowerCase(Locale.ROOT);
        if (!done.contains(key)) {
          Map<String, Object> submission = Map.of("type", "FormData", "fieldValues", List.of(
              Map.of("type", "FieldValue", "id", emailField, "value", email),
              Map.of("type", "FieldValue", "id", keyField, "value", key)));
          calls.call("form.submit", base -> api.submitForm(base, config.formId(), submission));
        }
      }
      return StepResult.complete();
    } catch (BudgetSpent wait) {
      return new StepResult.Failure(wait.getMessage());
    } catch (VendorError e) {
      return e.kind() == VendorError.Kind.REJECTED || e.kind() == VendorError.Kind.NOT_FOUND
          ? new StepResult.Incident("play " + play + ": " + e.getMessage()) : new StepResult.Failure(e.getMessage());
    }
  }

  private Set<String> submittedKeys(String formId, String keyField) {
    long since = clock.instant().minus(properties.playLookback()).getEpochSecond();
    Set<String> keys = new HashSet<>();
    for (int page = 1; ; page++) {
      int p = page;
      JsonNode data = calls.call("form.data", base -> api.formData(base, formId, since, 1000, p));
      for (JsonNode submission : data.path("elements")) {
        for (JsonNode value : submission.path("fieldValues")) {
          if (keyField.equals(value.path("id").asText())) {
            keys.add(value.path("value").asText());
          }
        }
      }
      if (data.path("elements").size() < 1000 || (long) p * 1000 >= data.path("total").asLong(0)) {
        return keys;
      }
    }
  }

  private static String required(Map<String, String> fields, String htmlName, String formId, String play) {
    String id = fields.get(htmlName);
    if (id == null) {
      throw new VendorError(VendorError.Kind.REJECTED, 0, "Eloqua form " + formId + " (play " + play + ") has no field with HTML name '"
          + htmlName + "'" + (htmlName.equals(KEY_FIELD) ? "; add it as a hidden field" : ""));
    }
    return id;
  }

  static List<String> emails(Object value) {
    if (value instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).map(String::trim).filter(e -> !e.isBlank()).distinct().toList();
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return JSON.readValue(text, new TypeReference<List<String>>() { });
      } catch (Exception notJson) {
        return List.of(text.split("\\s*,\\s*"));
      }
    }
    return List.of();
  }

  /** email → role; empty when there are none; null when the variable is there but is not such an object. */
  static Map<String, String> roles(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, String> roles = new LinkedHashMap<>();
      map.forEach((k, v) -> roles.put(String.valueOf(k), String.valueOf(v)));
      return roles;
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return JSON.readValue(text, new TypeReference<Map<String, String>>() { });
      } catch (Exception notJson) {
        return null;
      }
    }
    return Map.of();
  }
}

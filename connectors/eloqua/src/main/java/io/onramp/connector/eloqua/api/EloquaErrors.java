package io.onramp.connector.eloqua.api;

import io.onramp.connector.sync.VendorError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.onramp.connector.sync.VendorAnswers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Eloqua's error answers as {@link VendorError}s. A 400 carries typed validation objects — an array
 * or a single one — such as {@code {type:"ObjectValidationError", property, requirement:{type}, value}};
 * the message names each field and the requirement it failed.
 */
public final class EloquaErrors implements ErrorDecoder {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Exception decode(String methodKey, Response response) {
    return of(response.status(), VendorAnswers.text(response));
  }

  public static VendorError of(int status, String body) {
    String prefix = "Eloqua " + status + ": ";
    return switch (status) {
      case 400 -> new VendorError(VendorError.Kind.REJECTED, status, prefix + validation(body));
      case 401, 403 -> new VendorError(VendorError.Kind.AUTH, status, prefix + brief(body));
      case 404 -> new VendorError(VendorError.Kind.NOT_FOUND, status, prefix + brief(body));
      case 429 -> new VendorError(VendorError.Kind.RATE_LIMITED, status, prefix + "too many requests");
      default -> status >= 500 ? new VendorError(VendorError.Kind.UNAVAILABLE, status, prefix + brief(body))
          : new VendorError(VendorError.Kind.REJECTED, status, prefix + brief(body));
    };
  }

  /** "emailAddress = 'not-an-email' fails EmailAddressRequirement; …", or the body as it came. */
  static String validation(String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException notJson) {
      return brief(body);
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode error : node == null ? List.<JsonNode>of() : node.isArray() ? toList(node) : List.of(node)) {
      if (!error.has("property") && !error.has("requirement")) {
        continue;
      }
      String requirement = error.path("requirement").path("type").asText(error.path("type").asText("validation error"));
      String constraint = error.path("requirement").path("constraint").asText("");
      problems.add(error.path("property").asText("?")
          + (error.has("value") ? " = '" + error.path("value").asText() + "'" : "")
          + " fails " + requirement + (constraint.isEmpty() ? "" : " (" + constraint + ")")
          + (error.path("container").has("objectType") ? " on " + error.path("container").path("objectType").asText() : ""));
    }
    return problems.isEmpty() ? brief(body) : String.join("; ", problems);
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  private static String brief(String body) {
    String text = body == null ? "" : body.strip();
    return text.isEmpty() ? "no details" : text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }
}

package io.onramp.connector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** What a CRM's error answer says, as every connector's error decoder reads it: body and headers. */
public final class VendorAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 16_384;

  private VendorAnswers() {}

  /** The body as text (at most 16 KiB), "" when there is none. */
  public static String text(Response response) {
    if (response.body() == null) {
      return "";
    }
    try (InputStream in = response.body().asInputStream()) {
      return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The body as JSON; text that is not JSON becomes {@code {"message": text}}. */
  public static JsonNode json(Response response) {
    String text = text(response);
    if (text.isEmpty()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return JSON.createObjectNode().put("message", text);
    }
  }

  /** A header's first value (name case-insensitive), or null. */
  public static String header(Response response, String name) {
    return response.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
  }

  /** A numeric header, or {@code fallback} when absent or not a number. */
  public static long longHeader(Response response, String name, long fallback) {
    String value = header(response, name);
    try {
      return value == null ? fallback : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}

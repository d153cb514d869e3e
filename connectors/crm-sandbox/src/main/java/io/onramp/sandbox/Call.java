package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One vendor API request as the sandbox sees it: the path below the vendor's prefix, decoded query
 * parameters, headers (lower-case names) and the raw body.
 */
public record Call(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

  static final ObjectMapper JSON = new ObjectMapper();

  public String header(String name) {
    return headers.get(name.toLowerCase());
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public JsonNode json() {
    try {
      return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new BadRequest("the body is not JSON: " + e.getMessage());
    }
  }

  public boolean is(String method, String path) {
    return this.method.equals(method) && this.path.equals(path);
  }

  /** A body the vendor would refuse as unreadable; each vendor turns it into its own error shape. */
  public static final class BadRequest extends RuntimeException {
    public BadRequest(String message) {
      super(message);
    }
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.onramp.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every JSON request body any Onramp service takes — its own APIs, the sync API, the engine's REST API —
 * is read once here, after authentication and before anything is stored: a key repeated in one object
 * (which Jackson would otherwise resolve silently to the last one) or a text that breaks the
 * {@link TextRule} is a 400 problem naming the field; a body over {@code maxBytes} is a 413. The body
 * then goes on unchanged. Vendors' webhooks ({@code /webhooks/**}) carry the vendor's data and are
 * verified by signature instead.
 */
final class JsonInput extends OncePerRequestFilter {

  private static final JsonFactory FACTORY = new JsonFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper PROBLEMS = new ObjectMapper();

  private final int maxBytes;

  JsonInput(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    if (!(method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      return true;
    }
    if (request.getRequestURI().startsWith(request.getContextPath() + "/webhooks/")) {
      return true;
    }
    try {
      return request.getContentType() == null || !isJson(MediaType.parseMediaType(request.getContentType()));
    } catch (org.springframework.util.InvalidMimeTypeException unreadable) {
      return true;                                  // Spring answers 415 for what it cannot read
    }
  }

  private static boolean isJson(MediaType type) {
    return type.isCompatibleWith(MediaType.APPLICATION_JSON) || (type.getSubtype() != null && type.getSubtype().endsWith("+json"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
    if (body.length > maxBytes) {
      refuse(response, 413, "body", "a JSON body may be at most " + maxBytes + " bytes");
      return;
    }
    String[] wrong = firstViolation(body, request.getCharacterEncoding());
    if (wrong != null) {
      refuse(response, 400, wrong[0], wrong[1]);
      return;
    }
    chain.doFilter(new ReplayedRequest(request, body), response);
  }

  /** {field, message} of the first repeated key or broken text, or null. Malformed JSON is left to the API's own answer. */
  static String[] firstViolation(byte[] body, String charset) throws IOException {
    try (JsonParser parser = charset == null ? FACTORY.createParser(body)
        : FACTORY.createParser(new java.io.InputStreamReader(new java.io.ByteArrayInputStream(body), charset))) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
          String why = TextRule.violation(parser.getText());
          if (why != null) {
            return new String[] {field(parser), (token == JsonToken.FIELD_NAME ? "the field name " : "") + why};
          }
        }
      }
      return null;
    } catch (JsonParseException e) {
      if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
        return new String[] {field(e.getProcessor()), "is given more than once in the same object"};
      }
      return null;
    } catch (java.io.UnsupportedEncodingException | java.nio.charset.IllegalCharsetNameException unknownCharset) {
      return new String[] {"body", "the charset " + charset + " is not known"};
    }
  }

  /** {@code goals[0].criterion}, from the parser's position. */
  private static String field(Object processor) {
    if (!(processor instanceof JsonParser parser)) {
      return "body";
    }
    String pointer = parser.getParsingContext().pathAsPointer().toString();
    if (pointer.isEmpty()) {
      return "body";
    }
    StringBuilder field = new StringBuilder();
    for (String part : pointer.substring(1).split("/", -1)) {
      String name = part.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit) && !name.isEmpty() && field.length() > 0) {
        field.append('[').append(name).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(name);
      }
    }
    return field.toString();
  }

  private static void refuse(HttpServletResponse response, int status, String field, String message) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    PROBLEMS.writeValue(response.getOutputStream(), Map.of("type", "about:blank", "title", status == 413 ? "Payload Too Large"
        : "Invalid request", "status", status, "detail", "1 problem(s): " + field + " " + message,
        "errors", List.of(Map.of("field", field, "message", message))));
  }
}

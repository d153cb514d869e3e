package io.onramp.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;

/**
 * Reads an engine API body the way the gateway must: as UTF-8 JSON or not at all. A body it cannot read
 * — another charset, bytes that are not UTF-8, JSON that does not parse or repeats a key — is refused,
 * never waved through. Where Camunda evaluates expressions — a field whose name ends in
 * {@code Expression}, and anything inside {@code orQueries} — a text holding one ({@code ${…}} or
 * {@code #{…}}) must be one of the allowed expressions, character for character; elsewhere such text is
 * a literal the engine never evaluates. Multipart and binary uploads (deployments, attachments, file
 * variables) carry no query and pass.
 */
final class QueryBody {

  /** Why a body was refused, said to the caller. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private QueryBody() {}

  static void check(byte[] body, MediaType type, Set<String> allowed) {
    if (type != null && (type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA) || type.isCompatibleWith(MediaType.APPLICATION_OCTET_STREAM))) {
      return;
    }
    if (body.length == 0) {
      return;
    }
    String charset = type == null ? null : type.getParameter("charset");
    if (charset != null && !charset.replace("\"", "").trim().equalsIgnoreCase("utf-8")) {
      throw new Refused("send JSON as UTF-8 (this body says charset=" + charset + ")");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException notUtf8) {
      throw new Refused("the body is not UTF-8");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (Exception unreadable) {
      throw new Refused("the body is not JSON the gateway can read: " + unreadable.getMessage().split("\n")[0]);
    }
    walk(root, "", false, allowed);
  }

  private static void walk(JsonNode node, String where, boolean evaluated, Set<String> allowed) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      if (evaluated && EXPRESSION.matcher(node.asText()).find() && !allowed.contains(node.asText())) {
        throw new Refused((where.isEmpty() ? "the body" : where) + " holds an expression that is not allowed (allowed: "
            + allowed.stream().sorted().toList() + ")");
      }
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), where + "[" + i + "]", evaluated, allowed);
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      boolean expressionField = field.getKey().endsWith("Expression") || field.getKey().equals("orQueries");
      walk(field.getValue(), where.isEmpty() ? field.getKey() : where + "." + field.getKey(), evaluated || expressionField, allowed);
    }
  }
}

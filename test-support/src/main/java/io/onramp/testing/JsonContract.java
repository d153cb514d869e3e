package io.onramp.testing;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.temporal.Temporal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sync API's messages as one document each ({@code contracts/sync/*.json}, here in test-support): engine-service
 * and the connectors each hold their records to it, so a field changed on one side alone fails that side's build.
 * A message's fields are compared as Jackson sees the records ({@link #declared}) — every property, whatever a
 * particular answer leaves out — against every field the document's example shows ({@link #documented}).
 */
public final class JsonContract {

  private final ObjectMapper mapper;

  public JsonContract(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The example message {@code name} ({@code claim-request}, {@code claimed-items}, …). */
  public JsonNode document(String name) {
    try (InputStream in = JsonContract.class.getResourceAsStream("/contracts/sync/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no contract document contracts/sync/" + name + ".json");
      }
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Field paths of an example ({@code onboarding.links.hubspotDealId}, {@code passedStages[].stage}); {@code opaque}: maps of data. */
  public static Set<String> documented(JsonNode example, Set<String> opaque) {
    Set<String> fields = new TreeSet<>();
    walk(example.isArray() ? example : mapperArray(example), "", opaque, fields);
    return fields;
  }

  /**
   * Field paths of {@code type} as Jackson writes it ({@code serializing}) or reads it; {@code as} gives the type of
   * a property whose declared type hides it (a raw JSON string), by path.
   */
  public Set<String> declared(Class<?> type, boolean serializing, Map<String, Class<?>> as) {
    Set<String> fields = new TreeSet<>();
    declare(mapper.constructType(type), "", serializing, as, fields);
    return fields;
  }

  /** Fails naming the fields one side has and the other has not. */
  public static void assertSame(String what, Set<String> documented, Set<String> declared) {
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(declared);
    Set<String> extra = new TreeSet<>(declared);
    extra.removeAll(documented);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new AssertionError(what + " differs from its contract document (test-support contracts/sync): "
          + (missing.isEmpty() ? "" : "documented but not in the record: " + missing + " ")
          + (extra.isEmpty() ? "" : "in the record but not documented: " + extra)
          + " — change the document and both sides together");
    }
  }

  private void declare(JavaType type, String path, boolean serializing, Map<String, Class<?>> as, Set<String> fields) {
    if (as.containsKey(path)) {
      type = mapper.constructType(as.get(path));
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      declare(type.getContentType(), path + "[]", serializing, as, fields);
      return;
    }
    Class<?> raw = type.getRawClass();
    if (leaf(raw) || type.isMapLikeType()) {
      if (!path.isEmpty()) {
        fields.add(path.endsWith("[]") ? path.substring(0, path.length() - 2) : path);
      }
      return;
    }
    BeanDescription bean = serializing ? mapper.getSerializationConfig().introspect(type)
        : mapper.getDeserializationConfig().introspect(type);
    for (BeanPropertyDefinition property : bean.findProperties()) {
      if (serializing ? !property.couldSerialize() : !property.couldDeserialize()) {
        continue;
      }
      String child = (path.isEmpty() ? "" : path + ".") + property.getName();
      declare(property.getPrimaryType(), child.replace("[].", "[]."), serializing, as, fields);
    }
  }

  private static boolean leaf(Class<?> raw) {
    return raw.isPrimitive() || raw.isEnum() || CharSequence.class.isAssignableFrom(raw) || Number.class.isAssignableFrom(raw)
        || raw == Boolean.class || Temporal.class.isAssignableFrom(raw) || raw == Object.class || raw == java.util.UUID.class;
  }

  private static JsonNode mapperArray(JsonNode single) {
    return new ObjectMapper().createArrayNode().add(single);
  }

  private static void walk(JsonNode node, String path, Set<String> opaque, Set<String> fields) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        walk(element, path.isEmpty() ? "" : path + "[]", opaque, fields);
      }
      if (node.isEmpty() && !path.isEmpty()) {
        fields.add(path);
      }
      return;
    }
    if (!node.isObject() || opaque.contains(path)) {
      fields.add(path.endsWith("[]") ? path.substring(0, path.length() - 2) : path);
      return;
    }
    node.fields().forEachRemaining(field -> walk(field.getValue(), (path.isEmpty() ? "" : path + ".") + field.getKey(), opaque, fields));
  }
}

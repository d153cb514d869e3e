package io.onramp.connector.eloqua.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Eloqua's {@code fieldValues:[{type:"FieldValue", id, value}]}, leaving out what we do not know. */
final class FieldValues {
  private final List<Map<String, Object>> values = new ArrayList<>();

  FieldValues put(String fieldId, Object value) {
    if (value != null) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("type", "FieldValue");
      v.put("id", fieldId);
      v.put("value", value.toString());
      values.add(v);
    }
    return this;
  }

  List<Map<String, Object>> list() {
    return List.copyOf(values);
  }
}

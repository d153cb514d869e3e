package io.onramp.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a vendor answers: status, body and headers. */
public record Answer(int status, String contentType, String body, Map<String, String> headers) {

  public static Answer json(int status, Object body) {
    return new Answer(status, "application/json;charset=utf-8", body instanceof String s ? s : Call.write(body), new LinkedHashMap<>());
  }

  public static Answer text(int status, String contentType, String body) {
    return new Answer(status, contentType, body, new LinkedHashMap<>());
  }

  public Answer header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}

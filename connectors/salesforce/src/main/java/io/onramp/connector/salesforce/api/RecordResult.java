package io.onramp.connector.salesforce.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One record's answer in an sObject Collections call: {@code {id, success, errors:[{statusCode, message, fields}], created}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordResult(String id, boolean success, List<Error> errors, Boolean created) {

  public RecordResult {
    errors = errors == null ? List.of() : errors;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Error(String statusCode, String message, List<String> fields) {
  }
}

package io.onramp.connector.hubspot.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** HubSpot's batch answer: {@code {status, results, numErrors, errors:[{status, category, message, context:{ids}}]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchResult(String status, List<Result> results, Integer numErrors, List<Error> errors) {

  public BatchResult {
    results = results == null ? List.of() : results;
    errors = errors == null ? List.of() : errors;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Result(String id, Map<String, String> properties, Boolean isNew) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Result of(@com.fasterxml.jackson.annotation.JsonProperty("id") String id,
                            @com.fasterxml.jackson.annotation.JsonProperty("properties") Map<String, String> properties,
                            @com.fasterxml.jackson.annotation.JsonProperty("new") Boolean isNew) {
      return new Result(id, properties == null ? Map.of() : properties, isNew);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Error(String status, String category, String message, Map<String, List<String>> context) {
    public List<String> ids() {
      return context == null ? List.of() : context.getOrDefault("ids", List.of());
    }
  }
}

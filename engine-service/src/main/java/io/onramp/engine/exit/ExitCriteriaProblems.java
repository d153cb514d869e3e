package io.onramp.engine.exit;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Camunda's REST API answers a refused completion 400 in its own error shape; for missed exit criteria
 * the answer is an RFC 9457 problem naming each field ({@code errors: [{field, message}]}), as every
 * Onramp API does, and keeps Camunda's {@code message} for its clients. Every other error is Camunda's.
 */
@Provider
@Priority(1)
public class ExitCriteriaProblems implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException e) {
    ExitCriteriaNotMet refused = cause(e);
    if (refused == null) {
      return camunda.toResponse(e);
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Exit criteria not met");
    problem.put("status", 400);
    problem.put("detail", refused.getMessage());
    problem.put("errors", refused.missing().stream().map(missing -> Map.of("field", missing.field(), "message",
        missing.reason() != null ? missing.reason()
            : missing.label() == null ? "required to complete the step" : "required by the form: " + missing.label())).toList());
    problem.put("message", e.getMessage());
    return Response.status(400).type("application/problem+json").entity(problem).build();
  }

  private static ExitCriteriaNotMet cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ExitCriteriaNotMet refused) {
        return refused;
      }
    }
    return null;
  }
}

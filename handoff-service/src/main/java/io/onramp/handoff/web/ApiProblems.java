package io.onramp.handoff.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.onramp.handoff.handoff.HandoffIncomplete;
import io.onramp.handoff.handoff.HandoffNotFound;
import io.onramp.handoff.handoff.HandoffStateConflict;
import io.onramp.handoff.handoff.HandoffVersionConflict;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the handoff API as an RFC 9457 problem naming each bad field; mapped here only. */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler(HandoffNotFound.class)
  ProblemDetail notFound(HandoffNotFound e) {
    return problem(HttpStatus.NOT_FOUND, "Handoff not found", e.getMessage());
  }

  @ExceptionHandler(HandoffVersionConflict.class)
  ProblemDetail stale(HandoffVersionConflict e) {
    ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "Handoff changed meanwhile", e.getMessage());
    problem.setProperty("currentVersion", e.current());
    return problem;
  }

  @ExceptionHandler(ETags.PreconditionRequired.class)
  ProblemDetail preconditionRequired(ETags.PreconditionRequired e) {
    return problem(HttpStatus.PRECONDITION_REQUIRED, "If-Match required", e.getMessage());
  }

  @ExceptionHandler(ETags.MalformedETag.class)
  ProblemDetail malformedETag(ETags.MalformedETag e) {
    return fields(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage()), List.of(error("If-Match", e.getMessage())));
  }

  @ExceptionHandler(HandoffStateConflict.class)
  ProblemDetail conflict(HandoffStateConflict e) {
    return problem(HttpStatus.CONFLICT, "Not possible in this state", e.getMessage());
  }

  @ExceptionHandler(HandoffIncomplete.class)
  ProblemDetail incomplete(HandoffIncomplete e) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "Handoff incomplete", e.getMessage());
    problem.setProperty("missing", e.missing());
    return problem;
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraint(ConstraintViolationException e) {
    List<Map<String, String>> errors = e.getConstraintViolations().stream()
        .map(v -> error(v.getPropertyPath().toString().replaceFirst("^[^.]+\\.", ""), v.getMessage())).toList();
    return fields(problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors)), errors);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    String message = "'" + e.getValue() + "' is not a valid value";
    return fields(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getName() + ": " + message), List.of(error(e.getName(), message)));
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("unexpected error", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request failed unexpectedly; see the service log.");
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
        .map(f -> error(f.getField(), String.valueOf(f.getDefaultMessage()))).toList();
    errors = errors.isEmpty() ? e.getBindingResult().getGlobalErrors().stream()
        .map(g -> error(g.getObjectName(), String.valueOf(g.getDefaultMessage()))).toList() : errors;
    return ResponseEntity.badRequest().body(fields(problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors)), errors));
  }

  /** Malformed JSON, a wrong type, an unknown enum value or an unknown field: say where. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                HttpStatusCode status, WebRequest request) {
    Throwable cause = e.getMostSpecificCause();
    String field = "body";
    String message;
    if (cause instanceof JsonParseException parse) {
      message = "malformed JSON" + (parse.getLocation() == null ? ""
          : " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr())
          + ": " + parse.getOriginalMessage();
    } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      if (mapping instanceof UnrecognizedPropertyException) {
        message = "is not a field of a handoff";
      } else if (mapping instanceof InvalidFormatException invalid) {
        message = "'" + invalid.getValue() + "' is not a valid " + invalid.getTargetType().getSimpleName()
            + (invalid.getTargetType().isEnum() ? " " + List.of(invalid.getTargetType().getEnumConstants()) : "");
      } else {
        message = cause.getMessage() == null ? "has the wrong type" : cause.getMessage().split("\n")[0];
      }
    } else {
      message = "a JSON body is required";
    }
    List<Map<String, String>> errors = List.of(error(field, message));
    return ResponseEntity.badRequest().body(fields(problem(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors)), errors));
  }

  private static String summary(List<Map<String, String>> errors) {
    return errors.size() + " problem(s): " + errors.stream().map(m -> m.get("field") + " " + m.get("message"))
        .collect(Collectors.joining("; "));
  }

  private static Map<String, String> error(String field, String message) {
    return Map.of("field", field, "message", message);
  }

  private static ProblemDetail fields(ProblemDetail problem, List<Map<String, String>> errors) {
    problem.setProperty("errors", errors);
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}

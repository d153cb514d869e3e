package io.onramp.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one way Onramp's web layers answer errors: RFC 9457 problem documents, bad input listed in
 * {@code errors: [{field, message}]}. A service extends this with a {@code @RestControllerAdvice}
 * that maps its own domain exceptions.
 */
public abstract class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraintViolated(ConstraintViolationException e) {
    return invalid(e.getConstraintViolations().stream()
        .map(v -> error(v.getPropertyPath().toString().replaceFirst("^[^.]+\\.", ""), v.getMessage())).toList());
  }

  @ExceptionHandler(InvalidField.class)
  ProblemDetail invalidField(InvalidField e) {
    return invalid(List.of(error(e.field(), e.getMessage())));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return invalid(List.of(error(e.getName(), "'" + e.getValue() + "' is not a valid value")));
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
    if (errors.isEmpty()) {
      errors = e.getBindingResult().getGlobalErrors().stream()
          .map(g -> error(g.getObjectName(), String.valueOf(g.getDefaultMessage()))).toList();
    }
    return ResponseEntity.badRequest().body(invalid(errors));
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
        message = "is not a known field";
      } else if (mapping instanceof InvalidFormatException invalid) {
        message = "'" + invalid.getValue() + "' is not a valid " + invalid.getTargetType().getSimpleName()
            + (invalid.getTargetType().isEnum() ? " " + List.of(invalid.getTargetType().getEnumConstants()) : "");
      } else {
        message = cause.getMessage() == null ? "has the wrong type" : cause.getMessage().split("\n")[0];
      }
    } else {
      message = "a JSON body is required";
    }
    return ResponseEntity.badRequest().body(invalid(List.of(error(field, message))));
  }

  /** 400 "Invalid request" listing each bad field. */
  protected static ProblemDetail invalid(List<Map<String, String>> errors) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", errors.size() + " problem(s): "
        + errors.stream().map(m -> m.get("field") + " " + m.get("message")).collect(Collectors.joining("; ")));
    problem.setProperty("errors", errors);
    return problem;
  }

  protected static Map<String, String> error(String field, String message) {
    return Map.of("field", field, "message", message);
  }

  protected static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}

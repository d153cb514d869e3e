package io.onramp.engine.config;

import io.onramp.engine.onboarding.OnboardingNotFound;
import io.onramp.engine.sync.SyncRequestOutOfRange;
import io.onramp.engine.sync.UnknownCrm;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Our API's errors as RFC 9457 problem documents, naming each bad field. Mapped here and nowhere else. */
@RestControllerAdvice(basePackages = "io.onramp.engine")
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler(OnboardingNotFound.class)
  ProblemDetail notFound(OnboardingNotFound e) {
    return problem(HttpStatus.NOT_FOUND, "Onboarding not found", e.getMessage());
  }

  @ExceptionHandler(UnknownCrm.class)
  ProblemDetail unknownCrm(UnknownCrm e) {
    return problem(HttpStatus.NOT_FOUND, "Unknown CRM", e.getMessage());
  }

  @ExceptionHandler(SyncRequestOutOfRange.class)
  ProblemDetail outOfRange(SyncRequestOutOfRange e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
    return problem;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("unexpected error", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request failed unexpectedly; see the service log.");
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                HttpStatusCode status, WebRequest request) {
    List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
        .map(f -> Map.<String, Object>of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
        .toList();
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
        errors.size() + " field(s) are invalid: " + errors.stream().map(m -> m.get("field") + " " + m.get("message")).toList());
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}

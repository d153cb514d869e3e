package io.onramp.handoff.web;

import io.onramp.handoff.handoff.HandoffIncomplete;
import io.onramp.handoff.handoff.HandoffNotFound;
import io.onramp.handoff.handoff.HandoffStateConflict;
import io.onramp.handoff.handoff.HandoffVersionConflict;
import io.onramp.web.ProblemAdvice;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The handoff API's domain errors; bad input is mapped by {@link ProblemAdvice}. */
@RestControllerAdvice
class ApiProblems extends ProblemAdvice {

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
    return invalid(List.of(error("If-Match", e.getMessage())));
  }

  @ExceptionHandler(HandoffController.OwnerNotYours.class)
  ProblemDetail ownerNotYours(HandoffController.OwnerNotYours e) {
    return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
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
}

package io.onramp.engine.config;

import io.onramp.engine.onboarding.OnboardingNotFound;
import io.onramp.engine.sync.UnknownCrm;
import io.onramp.engine.usage.UsageEventConflict;
import io.onramp.engine.usage.UsageEventRules;
import io.onramp.web.ProblemAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** engine-service's own API errors (Camunda's REST API keeps its own format). */
@RestControllerAdvice(basePackages = "io.onramp.engine")
class ApiProblems extends ProblemAdvice {

  @ExceptionHandler(OnboardingNotFound.class)
  ProblemDetail notFound(OnboardingNotFound e) {
    return problem(HttpStatus.NOT_FOUND, "Onboarding not found", e.getMessage());
  }

  @ExceptionHandler(UnknownCrm.class)
  ProblemDetail unknownCrm(UnknownCrm e) {
    return problem(HttpStatus.NOT_FOUND, "Unknown CRM", e.getMessage());
  }

  @ExceptionHandler(UsageEventRules.Invalid.class)
  ProblemDetail invalidEvents(UsageEventRules.Invalid e) {
    return invalid(e.errors());
  }

  @ExceptionHandler(UsageEventConflict.class)
  ProblemDetail eventConflict(UsageEventConflict e) {
    return problem(HttpStatus.CONFLICT, "Event id reused", e.getMessage());
  }
}

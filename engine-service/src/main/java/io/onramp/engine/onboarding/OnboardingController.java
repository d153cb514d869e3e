package io.onramp.engine.onboarding;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/onboardings")
class OnboardingController {

  private final OnboardingQueries queries;

  OnboardingController(OnboardingQueries queries) {
    this.queries = queries;
  }

  /** By process instance id, or by business key (the handoff id). */
  @GetMapping("/{id}")
  OnboardingView get(@PathVariable("id") String id) {
    return queries.view(id);
  }
}

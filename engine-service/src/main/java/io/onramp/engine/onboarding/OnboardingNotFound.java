package io.onramp.engine.onboarding;

public class OnboardingNotFound extends RuntimeException {
  public OnboardingNotFound(String id) {
    super("no onboarding with id or business key '" + id + "'");
  }
}

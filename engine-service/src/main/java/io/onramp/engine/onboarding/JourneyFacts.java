package io.onramp.engine.onboarding;

import java.time.Instant;

/** What the engine knows about a journey when something happens in it. */
public record JourneyFacts(String onboardingId, String businessKey, String processDefinitionKey, String accountName,
                           String segment, Instant startedAt, Instant closedWonAt, CrmLinks links,
                           OnboardingProfile profile) {
}

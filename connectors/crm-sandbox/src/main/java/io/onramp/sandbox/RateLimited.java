package io.onramp.sandbox;

/** A vendor with its own shape for "slow down" (HubSpot's 429 body, Salesforce's REQUEST_LIMIT_EXCEEDED). */
public interface RateLimited {

  Answer refusal();
}

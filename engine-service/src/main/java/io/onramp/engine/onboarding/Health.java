package io.onramp.engine.onboarding;

/** How an onboarding is doing; synced to the CRMs beside the stage. */
public enum Health {
  ON_TRACK, AT_RISK, OFF_TRACK
}

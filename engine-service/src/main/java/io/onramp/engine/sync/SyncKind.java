package io.onramp.engine.sync;

/** What a sync row mirrors: the onboarding's state (stage, health, dates, TTV, link) or one user task. */
public enum SyncKind {
  ONBOARDING, TASK
}

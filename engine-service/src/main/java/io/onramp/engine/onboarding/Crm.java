package io.onramp.engine.onboarding;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The CRMs an onboarding can be linked to; {@link #id()} is the path segment of the sync API. */
public enum Crm {
  HUBSPOT, SALESFORCE, ELOQUA;

  /** Whether the CRM has a task object to mirror journey tasks into (Eloqua has none). */
  public boolean mirrorsTasks() {
    return this != ELOQUA;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Crm> fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }
}

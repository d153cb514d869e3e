package io.onramp.connector.testing;

import java.util.ArrayList;
import java.util.List;

/** The {@code passedStages} member of a claimed onboarding item, as engine-service's sync API sends it. */
public final class PassedStagesJson {
  private PassedStagesJson() {}

  /** {@code ,"passedStages":[…]} for "STAGE:version" pairs, oldest first; empty text when there are none. */
  public static String member(String... passed) {
    List<String> stages = new ArrayList<>();
    for (String pair : passed) {
      String[] p = pair.split(":");
      stages.add("{\"stage\":\"%s\",\"enteredAt\":\"2026-11-23T01:00:00Z\",\"version\":%s}".formatted(p[0], p[1]));
    }
    return stages.isEmpty() ? "" : ",\"passedStages\":[" + String.join(",", stages) + "]";
  }
}

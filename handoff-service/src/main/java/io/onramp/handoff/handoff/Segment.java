package io.onramp.handoff.handoff;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The customer segment; its value is what the journey's onboarding-plan decision reads. */
public enum Segment {
  SELF_SERVE("self-serve"), ASSISTED("assisted"), ENTERPRISE("enterprise");

  private final String value;

  Segment(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static Segment of(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown segment '" + value + "': use self-serve, assisted or enterprise"));
  }
}

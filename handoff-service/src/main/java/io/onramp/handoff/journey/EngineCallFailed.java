package io.onramp.handoff.journey;

/** engine-service answered with an error status: its status code and its own message. */
public class EngineCallFailed extends RuntimeException {
  private final int status;

  public EngineCallFailed(int status, String body) {
    super("engine-service answered " + status + ": " + body);
    this.status = status;
  }

  public int status() {
    return status;
  }
}

package io.onramp.stack;

/** A part of the stack did not come up; the message names the part and where to look. */
final class StartFailed extends RuntimeException {
  StartFailed(String message) {
    super(message);
  }
}

package io.onramp.handoff.web;

/** The handoff version as an entity tag: {@code "3"}. */
final class ETags {
  private ETags() {}

  static String of(int version) {
    return "\"" + version + "\"";
  }

  static int required(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new PreconditionRequired();
    }
    String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
    try {
      return Integer.parseInt(tag);
    } catch (NumberFormatException e) {
      throw new MalformedETag(ifMatch);
    }
  }

  static class PreconditionRequired extends RuntimeException {
    PreconditionRequired() {
      super("If-Match with the handoff's current ETag is required, so that no one overwrites a change they have not seen");
    }
  }

  static class MalformedETag extends RuntimeException {
    MalformedETag(String value) {
      super("If-Match '" + value + "' is not an ETag of this API (expected e.g. \"3\")");
    }
  }
}

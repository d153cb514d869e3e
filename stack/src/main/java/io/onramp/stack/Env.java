package io.onramp.stack;

final class Env {
  private Env() {}

  static int integer(String name, int fallback) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new StartFailed(name + " must be a number but is '" + value + "'");
    }
  }

  static int port(String name, int fallback) {
    int port = integer(name, fallback);
    if (port < 1 || port > 65535) {
      throw new StartFailed(name + " must be a port (1-65535) but is " + port);
    }
    return port;
  }
}

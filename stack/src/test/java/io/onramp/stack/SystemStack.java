package io.onramp.stack;

import java.nio.file.Path;

/** One whole platform per test JVM (system tests and benchmarks), from this build's jars, stopped when the JVM ends. */
final class SystemStack {

  private static LocalStack stack;

  private SystemStack() {}

  static synchronized LocalStack get() {
    if (stack == null) {
      try {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path data = Path.of("target/system-stack").toAbsolutePath();
        for (String fresh : java.util.List.of("postgres", "logs")) {      // Keycloak stays unpacked; the rest starts clean
          deleteTree(data.resolve(fresh));
        }
        stack = LocalStack.start(StackSettings.ephemeral(root, data));
      } catch (Exception e) {
        throw new IllegalStateException("the platform did not start: " + e.getMessage(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-stack-stop"));
    }
    return stack;
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (java.nio.file.Files.exists(dir)) {
      try (var files = java.nio.file.Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
    }
  }
}

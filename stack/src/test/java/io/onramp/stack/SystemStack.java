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
        stack = LocalStack.start(StackSettings.ephemeral(root, Path.of("target/system-stack").toAbsolutePath()));
      } catch (Exception e) {
        throw new IllegalStateException("the platform did not start: " + e.getMessage(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-stack-stop"));
    }
    return stack;
  }
}

package io.onramp.stack;

/** One line for a part started in the foreground: "starting X  ready in 3.2 s (detail)". */
final class Progress {
  private static long started;

  private Progress() {}

  static void step(String part) {
    started = System.nanoTime();
    System.out.print("onramp: starting " + part + " ");
    System.out.flush();
  }

  static void done(String detail) {
    System.out.printf(" ready in %.1f s (%s)%n", (System.nanoTime() - started) / 1e9, detail);
  }
}

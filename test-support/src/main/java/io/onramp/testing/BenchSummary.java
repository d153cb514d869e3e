package io.onramp.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The headline figures of a {@code ./onramp bench} run, each next to its target: every benchmark prints its full
 * report and adds its headline here, and {@code ./onramp bench} prints them together at the end (the modules run in
 * separate JVMs, so they meet in the file named by {@code -Donramp.bench.summary}). Without that property a headline
 * is only printed.
 */
public final class BenchSummary {

  private BenchSummary() {}

  public static synchronized void add(String headline) {
    System.out.println(headline);
    String file = System.getProperty("onramp.bench.summary");
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      Files.writeString(Path.of(file), headline + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("bench summary not written to " + file + ": " + e.getMessage());
    }
  }
}

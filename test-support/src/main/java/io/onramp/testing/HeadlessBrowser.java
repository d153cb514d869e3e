package io.onramp.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real headless browser for tests: Debian's Chromium ({@code ONRAMP_CHROMIUM}, found by
 * {@code bin/find-browser.sh}) driven by a playwright-core script of {@code test-support/browser}
 * (installed from the npm registry on first use). A script prints what a person would read off the
 * page as JSON on stdout; a failed script fails the test with its error output.
 */
public final class HeadlessBrowser {

  private HeadlessBrowser() {}

  /** Runs {@code script} (e.g. {@code insights-page.mjs}) with {@code arguments}; returns its stdout. */
  public static String run(String script, List<String> arguments, int seconds) throws IOException, InterruptedException {
    Path scripts = scripts();
    if (!Files.isDirectory(scripts.resolve("node_modules/playwright-core"))) {
      exec(scripts, List.of("npm", "ci", "--no-audit", "--no-fund"), 180);
    }
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(arguments);
    return exec(scripts, command, seconds);
  }

  /** {@code test-support/browser}, from the module a test runs in (or the repository root). */
  static Path scripts() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("test-support/browser");
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("test-support/browser not found above " + Path.of("").toAbsolutePath());
  }

  private static String exec(Path dir, List<String> command, int seconds) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    String out;
    try (var stdout = process.getInputStream(); var stderr = process.getErrorStream()) {
      Thread drain = Thread.ofVirtual().start(() -> {
        try {
          stderr.transferTo(errors);
        } catch (IOException ignored) {
          // the process ended
        }
      });
      out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds + " s");
      }
      drain.join();
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
          + errors.toString(StandardCharsets.UTF_8) + out);
    }
    return out;
  }
}

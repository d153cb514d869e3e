package io.onramp.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The last lines of a process's log, for an error that says why the process ended rather than only where to look. */
public final class LogTail {

  private LogTail() {}

  /** Up to {@code lines} last lines of {@code log}, each prefixed with "  | "; bytes that are not UTF-8 show as \uFFFD. */
  public static String of(Path log, int lines) {
    try {
      String[] all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\\R");
      String[] last = Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length);
      return "  | " + String.join("\n  | ", last);
    } catch (IOException e) {
      return "  (" + log + " not readable: " + e.getMessage() + ")";
    }
  }
}

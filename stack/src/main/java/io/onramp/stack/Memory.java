package io.onramp.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of our processes, read from /proc (0 where /proc is not there). */
final class Memory {
  private Memory() {}

  static long residentMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** A process and all its descendants (Keycloak's launcher script and its JVM). */
  static long treeMiB(long pid) {
    return ProcessHandle.of(pid).map(p -> residentMiB(pid) + p.descendants().mapToLong(d -> residentMiB(d.pid())).sum()).orElse(0L);
  }

  /** PostgreSQL runs as several processes; sums those whose command is postgres and are our descendants. */
  static long postgresMiB() {
    long self = ProcessHandle.current().pid();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
          .filter(p -> p.parent().map(parent -> parent.pid() == self || parent.info().command()
              .map(c -> c.endsWith("/postgres")).orElse(false)).orElse(false))
          .mapToLong(p -> residentMiB(p.pid())).sum();
    }
  }
}

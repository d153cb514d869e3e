package io.onramp.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service of the platform: its own JVM, its own log file, ready when its readiness probe says so. */
final class Service {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final int port;
  private final Path log;
  private Process process;
  private long started;

  Service(String name, Path jar, int port, Path log) {
    this.name = name;
    this.jar = jar;
    this.port = port;
    this.log = log;
  }

  void start(List<String> args, Map<String, String> env) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new StartFailed(name + " cannot start: " + jar + " is missing (build it with ./onramp run)");
    }
    System.out.println("onramp: starting " + name + " (log " + log + ")");
    started = System.nanoTime();
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xms256m", "-Xmx768m", "-XX:+UseSerialGC", "-jar", jar.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(env);
    process = builder.start();
  }

  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new StartFailed(name + " exited with code " + process.exitValue() + " while starting. Last lines of "
            + log + ":\n" + tail(30));
      }
      try {
        if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          System.out.printf("onramp: %s ready in %.1f s at http://localhost:%d%n", name, seconds(), port);
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      long waited = Math.round(seconds());
      if (waited > 0 && waited % 15 == 0) {
        System.out.println("onramp: still waiting for " + name + " (" + waited + " s)");
      }
      Thread.sleep(1000);   // poll interval of a readiness probe, not a wait for our own async work
    }
    throw new StartFailed(name + " was not ready within " + timeout.toSeconds() + " s. Last lines of " + log + ":\n" + tail(30));
  }

  private double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    System.out.println("onramp: stopping " + name);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log not readable: " + e.getMessage() + ")";
    }
  }
}

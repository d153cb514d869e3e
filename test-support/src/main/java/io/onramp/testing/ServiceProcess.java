package io.onramp.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of Onramp's services run from its built jar as its own process (as in production), on a free
 * port, with its environment; ready when its readiness probe answers. For benchmarks and system tests.
 */
public final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code jar} (relative to the working directory, e.g. {@code ../engine-service/target/engine-service.jar});
   * {@code portVariable} is the environment variable that sets its port.
   */
  public static ServiceProcess start(String name, Path jar, String portVariable, Map<String, String> environment,
                                     String... arguments) throws IOException {
    Path file = jar.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: build it first (./onramp test builds every module in order)");
    }
    int port = freePort();
    Path log = Path.of("target/" + name + ".log");
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx768m", "-jar", file.toString()));
    command.addAll(java.util.List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put(portVariable, Integer.toString(port));
    builder.environment().putIfAbsent("SERVER_ADDRESS", "127.0.0.1");          // loopback only, like ./onramp run
    return new ServiceProcess(name, port, builder.start(), log);
  }

  public String url() {
    return "http://localhost:" + port;
  }

  /** Waits for {@code /actuator/health/readiness}, polling with a deadline. */
  public ServiceProcess awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited (" + process.exitValue() + "); last lines of " + log.toAbsolutePath() + ":\n"
            + LogTail.of(log, 30));
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);        // the readiness probe's poll interval
    }
    throw new IllegalStateException(name + " not ready in " + timeout.toSeconds() + " s; see " + log.toAbsolutePath());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

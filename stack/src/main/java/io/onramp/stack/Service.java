package io.onramp.stack;

import io.onramp.testing.LogTail;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the platform: its own JVM, its own log file (appended across restarts), ready when
 * its readiness probe says so. It can be stopped and started again on the same port.
 */
public final class Service {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final int port;
  private final Path log;
  private final List<String> jvmOptions;
  private final Map<String, String> env;
  private final boolean yielding;
  private Process process;
  private long started;

  /** {@code yielding}: started at a lower CPU priority, so that the parts on the critical path of a start come first. */
  Service(String name, Path jar, int port, Path log, List<String> jvmOptions, Map<String, String> env, boolean yielding) {
    this.yielding = yielding;
    this.name = name;
    this.jar = jar;
    this.port = port;
    this.log = log;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.env = Map.copyOf(env);
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** Another process of this service (same jar, same environment) on {@code otherPort}, named {@code replicaName}, logging beside. */
  Service replica(String replicaName, int otherPort, String portVariable) {
    Map<String, String> replicaEnv = new java.util.HashMap<>(env);
    replicaEnv.put(portVariable, Integer.toString(otherPort));
    return new Service(replicaName, jar, otherPort, log.resolveSibling(replicaName + ".log"), jvmOptions, replicaEnv, yielding);
  }

  public Path log() {
    return log;
  }

  void start() throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new StartFailed(name + " cannot start: " + jar + " is missing (./onramp run builds it)");
    }
    started = System.nanoTime();
    List<String> command = new ArrayList<>();
    if (yielding && Files.isExecutable(Path.of("/usr/bin/nice"))) {
      command.addAll(List.of("/usr/bin/nice", "-n", "10"));       // nice execs java: same pid, lower priority
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    Files.writeString(log, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    process = builder.start();
  }

  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(2)).build();
    long lastNote = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new StartFailed(name + " exited with code " + process.exitValue() + " while starting. Last lines of "
            + log + ":\n" + LogTail.of(log, 30));
      }
      try {
        if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          System.out.printf("onramp: %-21s ready in %5.1f s  http://localhost:%d%n", name, seconds(), port);
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() - lastNote > 15_000_000_000L) {
        System.out.printf("onramp: still waiting for %s (%.0f s)%n", name, seconds());
        lastNote = System.nanoTime();
      }
      Thread.sleep(250);   // poll interval of a readiness probe, not a wait for our own async work
    }
    throw new StartFailed(name + " was not ready within " + timeout.toSeconds() + " s. Last lines of " + log + ":\n" + LogTail.of(log, 30));
  }

  private double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  long pid() {
    return process == null || !process.isAlive() ? -1 : process.pid();
  }

  /** Stops the service: SIGTERM (graceful shutdown), then forcibly after 30 s. */
  public void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
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

}

package io.onramp.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's run command: starts an embedded PostgreSQL (data kept in {@code .onramp/postgres}),
 * then each service as its own process with its own log, shows progress, prints where to go, and
 * stops everything on Ctrl-C.
 */
public final class LocalStack {

  private final Path root;
  private final Path logs;
  private final List<Service> services = new ArrayList<>();
  private EmbeddedPostgres postgres;

  private LocalStack(Path root) {
    this.root = root;
    this.logs = root.resolve(".onramp/logs");
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    LocalStack stack = new LocalStack(root);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "onramp-stop"));
    try {
      stack.start();
    } catch (StartFailed e) {
      System.err.println();
      System.err.println("onramp: " + e.getMessage());
      System.exit(1);
    }
    Thread.currentThread().join();     // run until Ctrl-C
  }

  private void start() throws Exception {
    long begin = System.nanoTime();
    Files.createDirectories(logs);
    int enginePort = Env.port("ONRAMP_ENGINE_PORT", 8081);
    requireFree("engine-service", enginePort, "ONRAMP_ENGINE_PORT");

    Progress.step("PostgreSQL (embedded)");
    int dbPort = Env.port("ONRAMP_DB_PORT", 5432);
    if (!isFree(dbPort)) {
      dbPort = freePort();
    }
    Path data = root.resolve(".onramp/postgres");
    Files.createDirectories(data);
    try {
      postgres = EmbeddedPostgres.builder().setPort(dbPort).setDataDirectory(data).setCleanDataDirectory(false)
          .setRegisterShutdownHook(false).start();
    } catch (IOException e) {
      throw new StartFailed("PostgreSQL did not start: " + e.getMessage() + " (data in " + data + ")");
    }
    String jdbcUrl = "jdbc:postgresql://localhost:" + dbPort + "/postgres";
    Progress.done("port " + dbPort + ", data in .onramp/postgres");

    Service engine = new Service("engine-service", root.resolve("engine-service/target/engine-service.jar"), enginePort,
        logs.resolve("engine-service.log"));
    services.add(engine);
    engine.start(List.of("--spring.profiles.active=local"), java.util.Map.of(
        "ONRAMP_DB_URL", jdbcUrl, "ONRAMP_DB_USER", "postgres", "ONRAMP_DB_PASSWORD", "",
        "ONRAMP_ENGINE_PORT", Integer.toString(enginePort),
        "ONRAMP_PUBLIC_URL", "http://localhost:" + enginePort));
    engine.awaitReady(Duration.ofSeconds(Env.integer("ONRAMP_START_TIMEOUT_SECONDS", 180)));

    DemoData.seed("http://localhost:" + enginePort);
    double seconds = (System.nanoTime() - begin) / 1e9;
    String url = "http://localhost:" + enginePort;
    System.out.printf("""

        Onramp is running (ready in %.1f s; memory %d MiB engine-service + PostgreSQL).

          Tasklist      %s/camunda/app/tasklist/
          Cockpit       %s/camunda/app/cockpit/
          Admin         %s/camunda/app/admin/
          Engine REST   %s/engine-rest/   (HTTP Basic)
          Onboarding    %s/api/onboardings/DEMO-1

          Demo login    demo / demo   (local demo credentials only)
          Logs          %s

        Press Ctrl-C to stop everything.
        %n""", seconds, Memory.residentMiB(engine.pid()) + Memory.postgresMiB(), url, url, url, url, url, logs);
  }

  private void stop() {
    for (Service service : services.reversed()) {
      service.stop();
    }
    if (postgres != null) {
      try {
        postgres.close();
        System.out.println("onramp: PostgreSQL stopped (data kept in .onramp/postgres)");
      } catch (IOException e) {
        System.err.println("onramp: PostgreSQL did not stop cleanly: " + e.getMessage());
      }
    }
  }

  private static void requireFree(String part, int port, String variable) {
    if (!isFree(port)) {
      throw new StartFailed(part + " cannot start: port " + port + " is in use (another Onramp running?). "
          + "Stop it or set " + variable + " to a free port.");
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package io.onramp.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    int handoffPort = Env.port("ONRAMP_HANDOFF_PORT", 8082);
    requireFree("engine-service", enginePort, "ONRAMP_ENGINE_PORT");
    requireFree("handoff-service", handoffPort, "ONRAMP_HANDOFF_PORT");

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
      Databases.ensure(postgres.getPostgresDatabase(), "engine", "handoff");
    } catch (IOException | java.sql.SQLException e) {
      throw new StartFailed("PostgreSQL did not start: " + e.getMessage() + " (data in " + data + ")");
    }
    String jdbc = "jdbc:postgresql://localhost:" + dbPort + "/";
    Progress.done("port " + dbPort + ", data in .onramp/postgres");

    String engineUrl = "http://localhost:" + enginePort;
    String handoffUrl = "http://localhost:" + handoffPort;
    Service engine = service("engine-service", enginePort);
    engine.start(List.of("--spring.profiles.active=local"), Map.of(
        "ONRAMP_DB_URL", jdbc + "engine", "ONRAMP_DB_USER", "postgres", "ONRAMP_DB_PASSWORD", "",
        "ONRAMP_ENGINE_PORT", Integer.toString(enginePort), "ONRAMP_PUBLIC_URL", engineUrl));
    Service handoff = service("handoff-service", handoffPort);
    handoff.start(List.of(), Map.of(
        "ONRAMP_HANDOFF_DB_URL", jdbc + "handoff", "ONRAMP_HANDOFF_DB_USER", "postgres", "ONRAMP_HANDOFF_DB_PASSWORD", "",
        "ONRAMP_HANDOFF_PORT", Integer.toString(handoffPort), "ONRAMP_ENGINE_URL", engineUrl,
        // local demo credentials only; real deployments take service accounts from their secret store
        "ONRAMP_ENGINE_USER", "demo", "ONRAMP_ENGINE_PASSWORD", "demo",
        "ONRAMP_HANDOFF_API_USER", "demo", "ONRAMP_HANDOFF_API_PASSWORD", "demo"));
    Duration timeout = Duration.ofSeconds(Env.integer("ONRAMP_START_TIMEOUT_SECONDS", 180));
    engine.awaitReady(timeout);
    handoff.awaitReady(timeout);

    DemoData.seed(handoffUrl, engineUrl);
    double seconds = (System.nanoTime() - begin) / 1e9;
    long memory = services.stream().mapToLong(s -> Memory.residentMiB(s.pid())).sum() + Memory.postgresMiB();
    System.out.printf("""

        Onramp is running (ready in %.1f s; %d MiB resident for the services and PostgreSQL).

          Tasklist      %s/camunda/app/tasklist/   (the demo's "Review handoff" waits here)
          Cockpit       %s/camunda/app/cockpit/
          Engine REST   %s/engine-rest/
          Onboarding    %s/api/onboardings/<handoff id>
          Handoff API   %s/api/handoffs            (docs: %s/swagger-ui.html)

          Demo login    demo / demo   (local demo credentials only; APIs take HTTP Basic)
          Logs          %s

        Press Ctrl-C to stop everything.
        %n""", seconds, memory, engineUrl, engineUrl, engineUrl, engineUrl, handoffUrl, handoffUrl, logs);
  }

  private Service service(String name, int port) {
    Service service = new Service(name, root.resolve(name + "/target/" + name + ".jar"), port, logs.resolve(name + ".log"));
    services.add(service);
    return service;
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

package io.onramp.stack;

import io.onramp.testing.KeycloakServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The whole platform on one machine: an embedded PostgreSQL, Keycloak with the realm import, the
 * engine, the handoff service, the three connectors, the CRM sandbox standing in for the CRMs, and
 * the gateway in front — each its own process with its own log. Parts start in parallel; progress
 * and failures name the part; {@link #close()} stops everything.
 */
public final class LocalStack implements AutoCloseable {

  private final StackSettings settings;
  private final Path logs;
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Map<String, String> sandboxCredentials = new HashMap<>();
  private EmbeddedPostgres postgres;
  private KeycloakServer keycloak;
  private double readySeconds;

  private LocalStack(StackSettings settings) {
    this.settings = settings;
    this.logs = settings.data().resolve("logs");
  }

  /** The README's run command. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    LocalStack stack = new LocalStack(StackSettings.fromEnvironment(root));
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "onramp-stop"));
    try {
      stack.startAll();
      if (stack.settings.seedDemo()) {
        DemoJourney.seed(stack.platform());
      }
      stack.printWhereToGo();
    } catch (StartFailed e) {
      System.err.println();
      System.err.println("onramp: " + e.getMessage());
      System.exit(1);
    }
    Thread.currentThread().join();     // run until Ctrl-C
  }

  /** Starts every part and returns when all are ready (system tests and benchmarks). */
  public static LocalStack start(StackSettings settings) throws Exception {
    LocalStack stack = new LocalStack(settings);
    try {
      stack.startAll();
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    long begin = System.nanoTime();
    Files.createDirectories(logs);
    for (String part : settings.ports().keySet()) {
      if (!part.equals("postgres")) {
        requireFree(part, settings.port(part));
      }
    }
    startPostgres();
    Map<String, String> secrets = KeycloakServer.newSecrets();
    for (String name : List.of("hubspot-token", "hubspot-app-secret", "salesforce-client-secret", "eloqua-password")) {
      sandboxCredentials.put(name, UUID.randomUUID().toString().replace("-", ""));
    }
    System.out.println("onramp: starting Keycloak and 7 services in parallel (logs in " + logs + ")");
    CompletableFuture<KeycloakServer> keycloakStart = CompletableFuture.supplyAsync(() -> startKeycloak(secrets));
    define(secrets);
    for (Service service : services.values()) {
      service.start();
    }
    try {
      keycloak = keycloakStart.get();
    } catch (ExecutionException e) {
      throw new StartFailed("Keycloak did not start: " + e.getCause().getMessage());
    }
    for (Service service : services.values()) {
      service.awaitReady(settings.startTimeout());
    }
    readySeconds = (System.nanoTime() - begin) / 1e9;
  }

  private void startPostgres() throws IOException {
    long begin = System.nanoTime();
    int port = settings.port("postgres");
    if (!isFree(port)) {
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    }
    Path data = settings.data().resolve("postgres");
    Files.createDirectories(data);
    try {
      postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false)
          .setServerConfig("listen_addresses", settings.bindAddress()).setRegisterShutdownHook(false).start();
      Databases.ensure(postgres.getPostgresDatabase(), "engine", "handoff");
    } catch (IOException | java.sql.SQLException e) {
      throw new StartFailed("PostgreSQL did not start: " + e.getMessage() + " (data in " + data + ")");
    }
    System.out.printf("onramp: %-21s ready in %5.1f s  port %d, data in %s%n", "PostgreSQL", (System.nanoTime() - begin) / 1e9,
        port, data);
  }

  private KeycloakServer startKeycloak(Map<String, String> secrets) {
    long begin = System.nanoTime();
    Path zip = settings.root().resolve("stack/target/keycloak.zip");
    if (!Files.isRegularFile(zip)) {
      throw new StartFailed("Keycloak cannot start: " + zip + " is missing (./onramp run fetches it)");
    }
    Path log = logs.resolve("keycloak.log");
    KeycloakServer.Settings keycloak = new KeycloakServer.Settings(zip, settings.data().resolve("keycloak"), settings.port("keycloak"),
        settings.demoPassword(), secrets, log, settings.url("gateway"), settings.startTimeout(), settings.bindAddress());
    KeycloakServer server;
    try {
      server = KeycloakServer.start(keycloak);
    } catch (KeycloakServer.Exited first) {
      // one more try, the first one's log kept beside: a process that ended early on a busy machine is worth a second
      // (one that never answered within the start timeout is not)
      Path failed = logs.resolve("keycloak-first-attempt.log");
      System.out.println("onramp: Keycloak did not start (" + first.getMessage() + "); its log is kept as " + failed
          + ", starting it once more");
      try {
        Files.move(log, failed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        server = KeycloakServer.start(keycloak);
      } catch (Exception second) {
        throw new StartFailed(second.getMessage());
      }
    } catch (Exception e) {
      throw new StartFailed(e.getMessage());
    }
    System.out.printf("onramp: %-21s ready in %5.1f s  %s%n", "Keycloak", (System.nanoTime() - begin) / 1e9, settings.url("keycloak"));
    return server;
  }

  /** The demo sales rep {@code sam} as the CRM sandbox's deal owner: a HubSpot owner id, a Salesforce User id. */
  public static final String SAM_IN_HUBSPOT = "75000001";
  public static final String SAM_IN_SALESFORCE = "0055g00000SAMREPAA";

  /** Each service's environment: its port, where the others are, its own secrets — and nothing else's. */
  private void define(Map<String, String> secrets) {
    String jdbc = "jdbc:postgresql://localhost:" + postgres.getPort() + "/";
    String keycloakUrl = settings.url("keycloak");
    String gateway = settings.url("gateway");
    String engine = settings.url("engine-service");
    String handoff = settings.url("handoff-service");
    String sandbox = settings.url("crm-sandbox");
    String hubspotToken = sandboxCredentials.get("hubspot-token");
    String hubspotAppSecret = sandboxCredentials.get("hubspot-app-secret");
    String salesforceSecret = sandboxCredentials.get("salesforce-client-secret");
    String eloquaPassword = sandboxCredentials.get("eloqua-password");

    service("engine-service", "engine-service/target/engine-service.jar", "768m", Map.of("ONRAMP_DB_URL", jdbc + "engine", "ONRAMP_DB_USER", "postgres",
        "ONRAMP_DB_PASSWORD", "", "ONRAMP_PUBLIC_URL", gateway, "ONRAMP_KEYCLOAK_URL", keycloakUrl,
        "ONRAMP_ENGINE_CLIENT_SECRET", secrets.get("engine-service"), "ONRAMP_DEMO_HISTORY", String.valueOf(settings.seedDemo())));
    service("handoff-service", "handoff-service/target/handoff-service.jar", "384m", Map.of("ONRAMP_HANDOFF_DB_URL", jdbc + "handoff",
        "ONRAMP_HANDOFF_DB_USER", "postgres", "ONRAMP_HANDOFF_DB_PASSWORD", "", "ONRAMP_ENGINE_URL", engine,
        "ONRAMP_KEYCLOAK_URL", keycloakUrl, "ONRAMP_HANDOFF_CLIENT_SECRET", secrets.get("handoff-service")));
    service("connector-hubspot", "connectors/hubspot/target/connector-hubspot.jar", "256m", Map.of("ONRAMP_ENGINE_URL", engine, "ONRAMP_HANDOFF_URL", handoff,
        "ONRAMP_KEYCLOAK_URL", keycloakUrl, "ONRAMP_HUBSPOT_CONNECTOR_SECRET", secrets.get("hubspot-connector"),
        "ONRAMP_HUBSPOT_BASE_URL", sandbox + "/hubspot", "ONRAMP_HUBSPOT_TOKEN", hubspotToken,
        "ONRAMP_HUBSPOT_CLIENT_SECRET", hubspotAppSecret, "ONRAMP_HUBSPOT_WEBHOOK_PUBLIC_URL", gateway + "/webhooks/hubspot",
        "ONRAMP_PUBLIC_URL", gateway, "ONRAMP_HUBSPOT_OWNERIDS_SAM", SAM_IN_HUBSPOT));
    service("connector-salesforce", "connectors/salesforce/target/connector-salesforce.jar", "256m", Map.of("ONRAMP_ENGINE_URL", engine, "ONRAMP_HANDOFF_URL", handoff,
        "ONRAMP_KEYCLOAK_URL", keycloakUrl, "ONRAMP_SALESFORCE_CONNECTOR_SECRET", secrets.get("salesforce-connector"),
        "ONRAMP_SALESFORCE_BASE_URL", sandbox + "/salesforce", "ONRAMP_SALESFORCE_CLIENT_ID", "onramp-sandbox-app",
        "ONRAMP_SALESFORCE_CLIENT_SECRET", salesforceSecret, "ONRAMP_SALESFORCE_ORGANIZATION_ID", "00D5g000004SANDBOX",
        "ONRAMP_PUBLIC_URL", gateway, "ONRAMP_SALESFORCE_OWNERIDS_SAM", SAM_IN_SALESFORCE));
    Map<String, String> eloqua = new HashMap<>(Map.of("ONRAMP_ENGINE_URL", engine, "ONRAMP_KEYCLOAK_URL", keycloakUrl,
        "ONRAMP_ELOQUA_CONNECTOR_SECRET", secrets.get("eloqua-connector"), "ONRAMP_ELOQUA_BASE_URL", sandbox + "/eloqua",
        "ONRAMP_ELOQUA_COMPANY", "OnrampSandbox", "ONRAMP_ELOQUA_USERNAME", "onramp.api", "ONRAMP_ELOQUA_PASSWORD", eloquaPassword,
        "ONRAMP_ELOQUA_FORM_WELCOME", "301", "ONRAMP_ELOQUA_FORM_CSAT_SURVEY", "302", "ONRAMP_ELOQUA_FORM_TRAINING_INVITATION", "303"));
    eloqua.put("ONRAMP_ELOQUA_TOKEN_FILE", settings.data().resolve("eloqua-refresh-token").toString());
    service("connector-eloqua", "connectors/eloqua/target/connector-eloqua.jar", "256m", eloqua);
    Map<String, String> crm = new HashMap<>(Map.of("ONRAMP_SANDBOX_URL", sandbox, "ONRAMP_SANDBOX_HUBSPOT_TOKEN", hubspotToken,
        "ONRAMP_SANDBOX_HUBSPOT_APP_SECRET", hubspotAppSecret, "ONRAMP_SANDBOX_HUBSPOT_WEBHOOK_URL", gateway + "/webhooks/hubspot",
        "ONRAMP_SANDBOX_SALESFORCE_CLIENT_ID", "onramp-sandbox-app", "ONRAMP_SANDBOX_SALESFORCE_CLIENT_SECRET", salesforceSecret,
        "ONRAMP_SANDBOX_SALESFORCE_OUTBOUND_URL", gateway + "/webhooks/salesforce", "ONRAMP_SANDBOX_ELOQUA_PASSWORD", eloquaPassword));
    service("crm-sandbox", "connectors/crm-sandbox/target/crm-sandbox-exec.jar", "256m", crm);
    service("gateway", "gateway/target/gateway.jar", "256m", Map.of("ONRAMP_KEYCLOAK_URL", keycloakUrl, "ONRAMP_ENGINE_URL", engine,
        "ONRAMP_HANDOFF_URL", handoff, "ONRAMP_HUBSPOT_CONNECTOR_URL", settings.url("connector-hubspot"),
        "ONRAMP_SALESFORCE_CONNECTOR_URL", settings.url("connector-salesforce")));
  }

  /** {@code jar}: the service's runnable jar, relative to the repository. */
  private void service(String name, String jar, String heap, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put(StackSettings.variable(name), Integer.toString(settings.port(name)));
    all.put("SERVER_ADDRESS", settings.bindAddress());                 // Spring Boot's server.address
    List<String> jvm = new ArrayList<>(List.of("-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xss512k", "-XX:ReservedCodeCacheSize=64m"));
    // the engine waits for Keycloak and everything waits for the engine: those two get the CPU first
    services.put(name, new Service(name, settings.root().resolve(jar), settings.port(name),
        logs.resolve(name + ".log"), jvm, all, !name.equals("engine-service")));
  }

  // -- for system tests and benchmarks ---------------------------------------------------------------

  public Platform platform() {
    return new Platform(settings.url("gateway"), settings.url("crm-sandbox"), keycloak);
  }

  public StackSettings settings() {
    return settings;
  }

  public KeycloakServer keycloak() {
    return keycloak;
  }

  public Service service(String name) {
    return services.get(name);
  }

  public java.util.Collection<Service> services() {
    return services.values();
  }

  /** The credentials the sandbox and the connectors share this run (never printed). */
  public Map<String, String> sandboxCredentials() {
    return Map.copyOf(sandboxCredentials);
  }

  /**
   * Starts a second process of service {@code name} on a free port, with the same environment (the
   * same database, accounts and secrets), as a second Kubernetes replica would run; returns when it is
   * ready. It is stopped with the stack.
   */
  public Service startReplica(String name) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String replicaName = name + "-2";
    Service replica = services.get(name).replica(replicaName, port, StackSettings.variable(name));
    services.put(replicaName, replica);
    replica.start();
    replica.awaitReady(settings.startTimeout());
    return replica;
  }

  /** Stops a service and starts it again on its port; returns when it is ready. */
  public void restart(String name) throws Exception {
    Service service = services.get(name);
    service.stop();
    service.start();
    service.awaitReady(settings.startTimeout());
  }

  /** Starts service {@code name} again if a test stopped it and failed before it did so itself; returns when it is ready. */
  public void ensureRunning(String name) throws Exception {
    Service service = services.get(name);
    if (service.pid() < 0) {
      service.start();
      service.awaitReady(settings.startTimeout());
    }
  }

  public double readySeconds() {
    return readySeconds;
  }

  /** Writes each running service's thread dump next to its log ({@code <name>.threads.txt}), for a failed system test. */
  public void dumpThreads() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    services.forEach((name, service) -> {
      if (service.pid() > 0 && Files.isExecutable(jcmd)) {
        try {
          new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "Thread.print").redirectErrorStream(true)
              .redirectOutput(logs.resolve(name + ".threads.txt").toFile()).start().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
          System.err.println("onramp: no thread dump of " + name + ": " + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
  }

  /** Resident memory per part in MiB (from /proc). */
  public Map<String, Long> memory() {
    Map<String, Long> memory = new LinkedHashMap<>();
    memory.put("postgres", Memory.postgresMiB());
    memory.put("keycloak", keycloak == null ? 0 : Memory.treeMiB(keycloak.pid()));
    services.forEach((name, service) -> memory.put(name, Memory.residentMiB(service.pid())));
    return memory;
  }

  private void printWhereToGo() {
    String gateway = settings.url("gateway");
    long total = memory().values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("""

        Onramp is running: ready in %.1f s, %,d MiB resident in all (Keycloak, PostgreSQL and 7 services).

          Tasklist       %s/camunda/app/tasklist/   (casey, a CSM: the demo's "Hold kickoff call" waits there)
          Cockpit        %s/camunda/app/cockpit/    (otto, lee)
          Handoff page   %s/handoffs/                (sam, a sales rep: drafts from won deals, the meter, submit)
          Handoff API    %s/api/handoffs            (OpenAPI: %s/v3/api-docs, with a token)
          Onboardings    %s/api/onboardings/<handoff id>
          Insights       %s/insights/                (lee, rita; API: /api/insights/…; a labelled demo year, accounts "Demo · …")
          CRM sandbox    %s/                        (deals, tasks, contacts as the CRMs see them; faults)
          Keycloak       %s/admin/                  (realm onramp)

          Demo logins (local only), password "%s":
            sam (sales) · lee (CS lead) · casey (CSM) · ivy (implementation) · dana (designer)
            cara (CRM admin) · rita (revops) · mo (marketing ops) · otto (Onramp admin)
          Logs           %s

        Press Ctrl-C to stop everything.
        %n""", readySeconds, total, gateway, gateway, gateway, gateway, settings.url("handoff-service"), gateway, gateway,
        settings.url("crm-sandbox"), settings.url("keycloak"), settings.demoPassword(), logs);
  }

  /** Stops everything this stack started, all services at once (each gracefully), then Keycloak and PostgreSQL. */
  @Override
  public void close() {
    long begin = System.nanoTime();
    List<Thread> stopping = new ArrayList<>();
    for (Service service : services.values()) {
      stopping.add(Thread.ofVirtual().start(service::stop));
    }
    if (keycloak != null) {
      stopping.add(Thread.ofVirtual().start(keycloak::stop));
    }
    for (Thread thread : stopping) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        System.err.println("onramp: PostgreSQL did not stop cleanly: " + e.getMessage());
      }
      postgres = null;
    }
    if (!services.isEmpty() && settings.seedDemo()) {
      System.out.printf("onramp: everything stopped in %.1f s (data kept in %s)%n", (System.nanoTime() - begin) / 1e9, settings.data());
    }
  }

  private static void requireFree(String part, int port) {
    if (!isFree(port)) {
      throw new StartFailed(part + " cannot start: port " + port + " is in use (another Onramp running?). "
          + "Stop it or set " + StackSettings.variable(part) + " to a free port.");
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
}

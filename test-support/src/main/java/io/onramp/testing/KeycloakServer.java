package io.onramp.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for tests: the {@code keycloak-quarkus-dist} zip from Maven Central (the module's
 * build copies it to {@code onramp.keycloak.zip}), unpacked once under {@code target/}, started in dev
 * mode on a free port with this repository's realm import ({@code keycloak/realm} and the demo users),
 * on the test JVM's own JDK (≥ 21, the build enforces it). One per test JVM; stopped when the JVM ends.
 * Client secrets are generated per run and handed to the realm import through the environment.
 */
public final class KeycloakServer {

  /** Client id → secret for every confidential client of the realm. */
  public static final Map<String, String> SECRETS = newSecrets();
  public static final String DEMO_PASSWORD = "demo-" + UUID.randomUUID().toString().substring(0, 8);
  private static KeycloakServer running;

  private final URI url;
  private final Process process;
  private final Map<String, String> secrets;
  private final String demoPassword;
  private String adminPassword;
  private final java.util.Set<String> testClients = new java.util.HashSet<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakServer(URI url, Process process, Map<String, String> secrets, String demoPassword) {
    this.url = url;
    this.process = process;
    this.secrets = Map.copyOf(secrets);
    this.demoPassword = demoPassword;
  }

  /** Keycloak with realm {@code onramp} imported, started on first use. */
  public static synchronized KeycloakServer get() {
    if (running == null) {
      try {
        String zip = System.getProperty("onramp.keycloak.zip");
        if (zip == null || !Files.isRegularFile(Path.of(zip))) {
          throw new IllegalStateException("onramp.keycloak.zip is not set to the keycloak-quarkus-dist zip (" + zip + "); "
              + "the module's pom copies it there (see gateway/pom.xml)");
        }
        running = start(new Settings(Path.of(zip), Path.of("target/keycloak"), freePort(), DEMO_PASSWORD, SECRETS,
            Path.of("target/keycloak.log"), "http://localhost:8080", Duration.ofSeconds(240), "127.0.0.1"));
      } catch (Exception e) {
        throw new IllegalStateException("Keycloak did not start: " + e.getMessage(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "keycloak-stop"));
    }
    return running;
  }

  /** The Keycloak process (its launcher script's JVM). */
  public long pid() {
    return process.pid();
  }

  /** e.g. http://localhost:41234 */
  public URI url() {
    return url;
  }

  /** The realm's issuer, e.g. http://localhost:41234/realms/onramp */
  public String issuer() {
    return url + "/realms/onramp";
  }

  /** An access token for a demo user (direct grant through the test-only client {@code onramp-tests}). */
  public String userToken(String username) {
    return userToken(username, "onramp-tests");
  }

  /**
   * A demo user's token through another test-only client: {@code onramp-tests-no-audience} (no
   * {@code onramp-api} audience) or {@code onramp-tests-short-lived} (expires after 1 s).
   */
  public String userToken(String username, String testClient) {
    synchronized (this) {
      if (testClients.add(testClient)) {
        boolean audience = !testClient.equals("onramp-tests-no-audience");
        String lifespan = testClient.equals("onramp-tests-short-lived") ? ",\"attributes\":{\"access.token.lifespan\":\"1\"}" : "";
        addTestClient(testClient, audience, lifespan);
      }
    }
    return token(Map.of("grant_type", "password", "client_id", testClient, "username", username, "password", demoPassword));
  }

  /** An access token for a service account (client credentials). */
  public String serviceToken(String clientId) {
    return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secrets.get(clientId)));
  }

  private String token(Map<String, String> form) {
    return tokenFrom(issuer() + "/protocol/openid-connect/token", form);
  }

  private String tokenFrom(String endpoint, Map<String, String> form) {
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
      if (response.statusCode() != 200 || !m.find()) {
        throw new IllegalStateException("Keycloak refused a token for " + form.getOrDefault("username", form.get("client_id")) + ": "
            + response.statusCode() + " " + response.body());
      }
      return m.group(1);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How to run a Keycloak: the dist zip, where to unpack it, its HTTP port, the demo users' password,
   * the confidential clients' secrets, its log, the public URL browsers come back to, and how long
   * it may take to start.
   */
  public record Settings(Path zip, Path home, int port, String demoPassword, Map<String, String> secrets, Path log,
                         String publicUrl, Duration startTimeout, String host) {
  }

  /** Starts a Keycloak with realm {@code onramp} (and the demo users) imported fresh; returns when the realm answers. */
  public static KeycloakServer start(Settings settings) throws Exception {
    Path home = unpack(settings.zip(), settings.home());
    Path repo = repositoryRoot();
    Path imports = home.resolve("data/import");
    deleteTree(home.resolve("data/h2"));
    deleteTree(imports);
    Files.createDirectories(imports);
    Files.copy(repo.resolve("keycloak/realm/onramp-realm.json"), imports.resolve("onramp-realm.json"));
    Files.copy(repo.resolve("keycloak/demo/onramp-users-0.json"), imports.resolve("onramp-users-0.json"));
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-host=" + settings.host(),
        "--http-port=" + settings.port(),
        "--http-management-port=" + freePort(), "--import-realm", "--log-level=warn", "--cache=local")
        .redirectErrorStream(true).redirectOutput(settings.log().toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    String adminPassword = secret();
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");     // C1 only: a faster start on 2 cores
    env.put("ONRAMP_DEMO_PASSWORD", settings.demoPassword());
    env.put("ONRAMP_PUBLIC_URL", settings.publicUrl());
    settings.secrets().forEach((client, secret) -> env.put(envName(client), secret));
    Process process = builder.start();
    KeycloakServer server = new KeycloakServer(URI.create("http://localhost:" + settings.port()), process, settings.secrets(),
        settings.demoPassword());
    try {
      server.awaitRealm(settings.startTimeout(), settings.log());
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    server.adminPassword = adminPassword;
    return server;
  }

  /** A fresh secret for each confidential client of the realm. */
  public static Map<String, String> newSecrets() {
    return Map.of("onramp-gateway", secret(), "engine-service", secret(), "handoff-service", secret(), "hubspot-connector", secret(),
        "salesforce-connector", secret(), "eloqua-connector", secret(), "prometheus", secret(),
        "product-usage", secret());
  }

  /** ONRAMP_GATEWAY_CLIENT_SECRET for onramp-gateway, ONRAMP_HUBSPOT_CONNECTOR_SECRET for hubspot-connector, … */
  public static String envName(String clientId) {
    String base = clientId.replace("onramp-", "").replace("-connector", "").replace("-service", "").toUpperCase().replace('-', '_');
    return "ONRAMP_" + base + (clientId.endsWith("-connector") ? "_CONNECTOR_SECRET" : "_CLIENT_SECRET");
  }

  private void awaitRealm(Duration timeout, Path log) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new Exited("Keycloak exited (" + process.exitValue() + "); last lines of " + log + ":\n" + LogTail.of(log, 30));
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);        // Keycloak's own start-up, polled with a deadline
    }
    throw new IllegalStateException("Keycloak not ready in " + timeout.toSeconds() + " s; last lines of " + log + ":\n" + LogTail.of(log, 30));
  }

  /** Keycloak's process ended while starting (the message carries the end of its log). */
  public static final class Exited extends IllegalStateException {
    Exited(String message) {
      super(message);
    }
  }

  /** Lets {@code clientId} send browsers back to {@code redirectUri} (a test's random port), through the admin API. */
  public synchronized void allowRedirect(String clientId, String redirectUri) {
    try {
      String admin = tokenFrom(url + "/realms/master/protocol/openid-connect/token",
          Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", adminPassword));
      HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/onramp/clients?clientId=" + clientId))
          .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
      Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(found.body());
      if (found.statusCode() != 200 || !id.find()) {
        throw new IllegalStateException("no client " + clientId + ": " + found.body());
      }
      URI client = URI.create(url + "/admin/realms/onramp/clients/" + id.group(1));
      String representation = http.send(HttpRequest.newBuilder(client).header("Authorization", "Bearer " + admin).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      String updated = representation.matches("(?s).*\"redirectUris\"\\s*:\\s*\\[\\s*\\].*")
          ? representation.replaceFirst("\"redirectUris\"\\s*:\\s*\\[\\s*\\]", "\"redirectUris\":[\"" + redirectUri + "\"]")
          : representation.replaceFirst("\"redirectUris\"\\s*:\\s*\\[", "\"redirectUris\":[\"" + redirectUri + "\",");
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(client).header("Authorization", "Bearer " + admin)
          .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(updated)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (put.statusCode() != 204) {
        throw new IllegalStateException("could not allow " + redirectUri + " for " + clientId + ": " + put.statusCode() + " " + put.body());
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A public client with direct grants, created through the admin API: never part of the realm the platform imports. */
  private void addTestClient(String clientId, boolean apiAudience, String extra) {
    try {
      String admin = tokenFrom(url + "/realms/master/protocol/openid-connect/token",
          Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", adminPassword));
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/onramp/clients"))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + clientId + "\",\"publicClient\":true,"
              + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false,"
              + "\"defaultClientScopes\":[\"roles\",\"profile\",\"email\",\"basic\"],\"protocolMappers\":["
              + (apiAudience ? AUDIENCE_MAPPER + "," : "") + GROUPS_MAPPER + "]" + extra + "}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("could not add test client " + clientId + ": " + created.statusCode() + " " + created.body());
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops this Keycloak (the one of {@link #get()} stops when the JVM ends). */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Path unpack(Path zip, Path target) throws IOException {
    String marker = zip.getFileName().toString();
    Path done = target.resolve(marker + ".unpacked");
    if (!Files.exists(done)) {
      deleteTree(target);
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
          Path file = target.resolve(entry.getName()).normalize();
          if (!file.startsWith(target)) {
            throw new IOException("unsafe entry " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(file);
          } else {
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      try (Stream<Path> scripts = Files.walk(target)) {
        scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
      }
      Files.writeString(done, marker);
    }
    try (Stream<Path> homes = Files.list(target)) {
      return homes.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("keycloak")).findFirst()
          .orElseThrow(() -> new IOException("no keycloak-* directory in " + target));
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("keycloak/realm"))) {
        return dir;
      }
    }
    throw new IllegalStateException("keycloak/realm not found above " + Path.of("").toAbsolutePath());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static final String AUDIENCE_MAPPER = """
      {"name":"onramp-api audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
       "config":{"included.custom.audience":"onramp-api","access.token.claim":"true","id.token.claim":"false"}}""";
  private static final String GROUPS_MAPPER = """
      {"name":"groups","protocol":"openid-connect","protocolMapper":"oidc-group-membership-mapper",
       "config":{"claim.name":"groups","full.path":"false","access.token.claim":"true","id.token.claim":"true"}}""";

  private static String secret() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}

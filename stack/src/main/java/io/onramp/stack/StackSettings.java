package io.onramp.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where the local stack runs: the repository (for the built jars), its data and logs folder, a port
 * per part, the demo users' password, whether to seed the demo, how long a part may take to start, and
 * the address every part listens on: loopback ({@code 127.0.0.1}) unless {@code ONRAMP_BIND_ADDRESS} says
 * otherwise, so the demo users and their well-known password are not reachable from the network.
 */
public record StackSettings(Path root, Path data, Map<String, Integer> ports, String demoPassword, boolean seedDemo,
                            Duration startTimeout, String bindAddress) {

  static final String LOOPBACK = "127.0.0.1";

  /** Each part and its default port (the variable that moves it: ONRAMP_<PART>_PORT). */
  static final Map<String, Integer> DEFAULT_PORTS = defaults();

  private static Map<String, Integer> defaults() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("postgres", 5432);
    ports.put("keycloak", 8180);
    ports.put("gateway", 8080);
    ports.put("engine-service", 8081);
    ports.put("handoff-service", 8082);
    ports.put("connector-hubspot", 8083);
    ports.put("connector-salesforce", 8084);
    ports.put("connector-eloqua", 8085);
    ports.put("crm-sandbox", 8089);
    return Map.copyOf(ports);
  }

  /** The README's run: default ports (each movable by its variable), data in {@code .onramp}, demo password "demo". */
  public static StackSettings fromEnvironment(Path root) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    DEFAULT_PORTS.forEach((part, port) -> ports.put(part, Env.port(variable(part), port)));
    String bind = System.getenv("ONRAMP_BIND_ADDRESS");
    return new StackSettings(root, root.resolve(".onramp"), ports, "demo", true,
        Duration.ofSeconds(Env.integer("ONRAMP_START_TIMEOUT_SECONDS", 240)), bind == null || bind.isBlank() ? LOOPBACK : bind.trim());
  }

  /** For system tests and benchmarks: free ports, its own data folder, a random demo password, no demo seeded. */
  public static StackSettings ephemeral(Path root, Path data) throws IOException {
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String part : DEFAULT_PORTS.keySet()) {         // all held open at once, so no two parts draw the same port
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        ports.put(part, socket.getLocalPort());
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
    return new StackSettings(root, data, ports, "demo-" + UUID.randomUUID().toString().substring(0, 8), false, Duration.ofSeconds(300),
        LOOPBACK);
  }

  public int port(String part) {
    return ports.get(part);
  }

  public String url(String part) {
    return "http://localhost:" + port(part);
  }

  /** e.g. ONRAMP_ENGINE_SERVICE_PORT → ONRAMP_ENGINE_PORT; connector-hubspot → ONRAMP_HUBSPOT_PORT. */
  static String variable(String part) {
    String name = part.replace("connector-", "").replace("-service", "").replace("crm-", "").toUpperCase().replace('-', '_');
    return "ONRAMP_" + (name.equals("POSTGRES") ? "DB" : name) + "_PORT";
  }
}

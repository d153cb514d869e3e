package io.onramp.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kubernetes Service without session affinity, for tests: every request goes to the next of the
 * replicas in turn, with {@code X-Forwarded-Host}/{@code -Proto} so the replicas' redirects name the proxy.
 * Counts the requests each replica answered, and can play a slow service: answers to a path held back.
 */
final class RoundRobinProxy implements AutoCloseable {

  private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade",
      "expect", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

  private final List<String> replicas;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger[] answered;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile String slowPath = "";
  private volatile Duration slowBy = Duration.ZERO;
  private final AtomicInteger slowAnswers = new AtomicInteger();

  RoundRobinProxy(List<String> replicas) throws IOException {
    this.replicas = List.copyOf(replicas);
    this.answered = new AtomicInteger[replicas.size()];
    for (int i = 0; i < answered.length; i++) {
      answered[i] = new AtomicInteger();
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());     // requests in parallel, as a Service
    server.start();
  }

  String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /**
   * The next {@code answers} answers to requests whose path starts with {@code path} arrive {@code by} late: the
   * replica has done the work, its caller waits (and may give up, as a client with a timeout does).
   */
  void slowDown(String path, Duration by, int answers) {
    slowPath = path;
    slowBy = by;
    slowAnswers.set(answers);
  }

  /** Requests answered by each replica, in the order given. */
  List<Integer> answered() {
    return java.util.Arrays.stream(answered).map(AtomicInteger::get).toList();
  }

  private void forward(HttpExchange exchange) throws IOException {
    int replica = Math.floorMod(next.getAndIncrement(), replicas.size());
    try (exchange; InputStream body = exchange.getRequestBody()) {
      byte[] bytes = body.readAllBytes();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replicas.get(replica) + exchange.getRequestURI()))
          .timeout(Duration.ofSeconds(30))
          .method(exchange.getRequestMethod(), bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase())) {
          values.forEach(v -> request.header(name, v));
        }
      });
      request.header("X-Forwarded-Host", "localhost:" + server.getAddress().getPort()).header("X-Forwarded-Proto", "http");
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      answered[replica].incrementAndGet();
      if (exchange.getRequestURI().getPath().startsWith(slowPath) && !slowPath.isEmpty() && slowAnswers.getAndDecrement() > 0) {
        Thread.sleep(slowBy.toMillis());                         // the slow service answering late, not a wait for async work
      }
      for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
        if (!HOP_BY_HOP.contains(header.getKey().toLowerCase()) && !header.getKey().startsWith(":")) {
          header.getValue().forEach(v -> exchange.getResponseHeaders().add(header.getKey(), v));
        }
      }
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        exchange.getResponseBody().write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(502, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

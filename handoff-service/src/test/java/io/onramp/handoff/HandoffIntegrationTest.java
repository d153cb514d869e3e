package io.onramp.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.testing.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** handoff-service on a real (embedded) PostgreSQL, with engine-service played by WireMock answering as Camunda's REST API does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class HandoffIntegrationTest {

  protected static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  protected static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static {
    engine.start();
  }

  @LocalServerPort
  protected int port;

  @DynamicPropertySource
  static void dependencies(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry);
    registry.add("onramp.engine.url", engine::baseUrl);
  }

  @BeforeEach
  void resetEngine() {
    engine.resetAll();
    EngineStubs.startsJourneys(engine);
  }

  public record Response(int status, String body, String etag) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + status + "): " + body);
      }
    }

    public Response expect(int expected) {
      if (status != expected) throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
      return this;
    }
  }

  protected Response call(String method, String path, Object body, Map<String, String> headers) {
    return send(method, path, body, headers, "sales", "test-only-password");
  }

  protected Response send(String method, String path, Object body, Map<String, String> headers, String user, String password) {
    return send(method, path, body, headers, user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  protected Response send(String method, String path, Object body, Map<String, String> headers, String authorization) {
    try {
      String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      headers.forEach(request::header);
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected Response httpPost(String path, Object body) {
    return call("POST", path, body, Map.of());
  }

  protected Response httpGet(String path) {
    return call("GET", path, null, Map.of());
  }

  protected Response httpPut(String path, Object body, String ifMatch) {
    return call("PUT", path, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
  }
}

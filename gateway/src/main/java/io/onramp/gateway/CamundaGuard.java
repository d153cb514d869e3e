package io.onramp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps two known Camunda 7.24 CE weaknesses (no community patch) away from the engine:
 * the Admin app's first-run setup endpoint (CVE-2026-77226: creating an admin when
 * {@code camunda-admin} has no direct member) answers 404 to everyone; and task queries whose
 * {@code orQueries} carry an expression ({@code ${…}} or {@code #{…}}, CVE-2026-109432) are refused
 * with 400 — in the engine REST API and the webapps' own, for task queries and filters alike.
 * engine-service refuses both itself too, for deployments without the gateway.
 */
@Component
class CamundaGuard implements WebFilter, Ordered {

  private static final Pattern SETUP = Pattern.compile("^/camunda/(api/admin/setup|app/admin/[^/]+/setup)(/.*)?$");
  private static final Pattern ENGINE_API = Pattern.compile("^/(engine-rest|camunda/api/engine/engine/[^/]+)/(task|filter)(/.*)?$");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;       // before security: the setup endpoint is not there for anyone
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    String path = request.getPath().pathWithinApplication().value();
    if (SETUP.matcher(path).matches()) {
      exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
      return exchange.getResponse().setComplete();
    }
    boolean withBody = request.getMethod() == HttpMethod.POST || request.getMethod() == HttpMethod.PUT;
    if (!withBody || !ENGINE_API.matcher(path).matches()) {
      return chain.filter(exchange);
    }
    return DataBufferUtils.join(request.getBody()).defaultIfEmpty(exchange.getResponse().bufferFactory().wrap(new byte[0]))
        .flatMap(buffer -> {
          byte[] bytes = new byte[buffer.readableByteCount()];
          buffer.read(bytes);
          DataBufferUtils.release(buffer);
          if (expressionInOrQueries(bytes)) {
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            byte[] problem = ("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"orQueries must not contain expressions (${...} or #{...})\"}").getBytes(StandardCharsets.UTF_8);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(problem)));
          }
          ServerHttpRequest replay = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
              return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
            }
          };
          return chain.filter(exchange.mutate().request(replay).build());
        });
  }

  /** True when any text anywhere under an {@code orQueries} key holds an expression; unreadable JSON is the engine's to refuse. */
  static boolean expressionInOrQueries(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      return root != null && root.findValues("orQueries").stream().anyMatch(CamundaGuard::holdsExpression);
    } catch (java.io.IOException notJson) {
      return false;
    }
  }

  private static boolean holdsExpression(JsonNode node) {
    if (node.isTextual()) {
      return EXPRESSION.matcher(node.asText()).find();
    }
    for (JsonNode child : node) {
      if (holdsExpression(child)) {
        return true;
      }
    }
    return false;
  }
}

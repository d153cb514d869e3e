package io.onramp.gateway;

import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The second layer against CVE-2026-109432 (the engine's own validation is the first): every body sent
 * to the engine's API — engine REST or the webapps' engine API — is read after authentication, at most
 * {@code maxBody} bytes while it streams (413 beyond), and checked by {@link QueryBody}; what it cannot
 * read it refuses with 400. The body is then handed on as read.
 */
class EngineQueryGuard implements GatewayFilter {

  private static final Pattern ENGINE_API = Pattern.compile("^/(engine-rest|camunda/api/engine)(/.*)?$");

  private final int maxBody;
  private final Set<String> allowed;

  EngineQueryGuard(DataSize maxBody, Set<String> allowed) {
    this.maxBody = (int) maxBody.toBytes();
    this.allowed = Set.copyOf(allowed);
  }

  private static org.springframework.http.MediaType contentType(ServerHttpRequest request) {
    try {
      return request.getHeaders().getContentType();
    } catch (org.springframework.http.InvalidMediaTypeException unreadable) {
      throw new QueryBody.Refused("the Content-Type cannot be read: " + unreadable.getMessage());
    }
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    HttpMethod method = request.getMethod();
    String path = GuardedPath.of(request.getPath().pathWithinApplication().value());
    boolean withBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    if (!withBody || path == null || !ENGINE_API.matcher(path).matches()) {
      return chain.filter(exchange);
    }
    return DataBufferUtils.join(request.getBody(), maxBody)
        .map(buffer -> {
          byte[] bytes = new byte[buffer.readableByteCount()];
          buffer.read(bytes);
          DataBufferUtils.release(buffer);
          return bytes;
        })
        .defaultIfEmpty(new byte[0])
        .flatMap(bytes -> {
          QueryBody.check(bytes, contentType(request), allowed);
          ServerHttpRequest replay = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
              return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
            }
          };
          return chain.filter(exchange.mutate().request(replay).build());
        })
        .onErrorResume(DataBufferLimitException.class, tooLarge -> Problems.answer(exchange, HttpStatus.PAYLOAD_TOO_LARGE,
            "a query body may be at most " + maxBody + " bytes"))
        .onErrorResume(QueryBody.Refused.class, refused -> Problems.answer(exchange, HttpStatus.BAD_REQUEST, refused.getMessage()));
  }
}

package io.onramp.gateway;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A route's body limit for bodies that do not announce their length (chunked): counted as they stream
 * to the service, and the call is ended with 413 once the limit is passed. Bodies with a
 * {@code Content-Length} over the limit never start ({@code setRequestSize}). Nothing is buffered here. Sits
 * inside the route's circuit breaker, so a caller's oversized body never counts as the service failing.
 */
class BodyLimit implements GatewayFilter {

  private final long max;

  BodyLimit(DataSize max) {
    this.max = max.toBytes();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    AtomicLong seen = new AtomicLong();
    ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
      @Override
      public Flux<DataBuffer> getBody() {
        return super.getBody().handle((buffer, sink) -> {
          if (seen.addAndGet(buffer.readableByteCount()) > max) {
            DataBufferUtils.release(buffer);
            sink.error(new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "the body may be at most " + max + " bytes"));
          } else {
            sink.next(buffer);
          }
        });
      }
    };
    return chain.filter(exchange.mutate().request(counted).build())
        .onErrorResume(ResponseStatusException.class, e -> e.getStatusCode() == HttpStatus.PAYLOAD_TOO_LARGE
            && !exchange.getResponse().isCommitted()
            ? Problems.answer(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "the body may be at most " + max + " bytes") : Mono.error(e));
  }
}

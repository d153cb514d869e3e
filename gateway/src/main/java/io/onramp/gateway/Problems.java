package io.onramp.gateway;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The gateway's own refusals: an RFC 9457 problem with the reason, nothing passed on. */
final class Problems {

  private Problems() {}

  static Mono<Void> answer(ServerWebExchange exchange, HttpStatus status, String detail) {
    exchange.getResponse().setStatusCode(status);
    exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    String json = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
        + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "'") + "\"}";
    return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory()
        .wrap(json.getBytes(StandardCharsets.UTF_8))));
  }
}

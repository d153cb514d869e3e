package io.onramp.gateway;

import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Paths the gateway never routes, for anyone, judged on the path as engine-service will decode it
 * ({@link GuardedPath}): the Admin app's first-run setup (CVE-2026-77226), Camunda's named-engine REST
 * root {@code /engine-rest/engine/…} (only the default engine's root is routed) and
 * {@code /engine-rest/identity/verify} (it checks any user's password and can lock them out). All answer
 * 404; a path that cannot be decoded answers 400. Runs before authentication: no body is read here.
 * What a query may contain is checked after authentication ({@link EngineQueryGuard}) and by the engine.
 */
@Component
class CamundaGuard implements WebFilter, Ordered {

  private static final Pattern NOT_ROUTED = Pattern.compile(
      "^/(camunda/(api/admin/setup|app/admin/[^/]+/setup)|engine-rest/engine|engine-rest/identity/verify)(/.*)?$");

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = GuardedPath.of(exchange.getRequest().getPath().pathWithinApplication().value());
    if (path == null) {
      return Problems.answer(exchange, HttpStatus.BAD_REQUEST, "the request path cannot be decoded");
    }
    if (NOT_ROUTED.matcher(path).matches()) {
      exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
      return exchange.getResponse().setComplete();
    }
    return chain.filter(exchange);
  }
}

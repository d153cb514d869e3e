package io.onramp.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/**
 * Where each path goes (DESIGN.md, public contracts). Who may call it is {@link Security}'s business;
 * here: body size limits (announced and streamed), a circuit breaker with a plain fallback per service, the
 * webhook limiter, and the engine route's query guard ({@link EngineQueryGuard}, after authentication).
 */
@Configuration
class Routes {

  @Bean
  RouteLocator onrampRoutes(RouteLocatorBuilder routes, GatewayProperties properties, WebhookRateLimit webhookLimit) {
    return routes.routes()
        .route("deployments", r -> r.path("/engine-rest/deployment/create")
            .filters(f -> guarded(f, "engine-service", properties.maxDeployment())).uri(properties.engineUrl()))
        .route("handoffs", r -> r.path("/api/handoffs", "/api/handoffs/**")
            .filters(f -> guarded(f, "handoff-service", properties.maxRequest())).uri(properties.handoffUrl()))
        // the handoff page and its sign-in: handoff-service signs browsers in with Keycloak (as the engine does the webapps)
        .route("handoff-page", r -> r.path("/handoffs", "/handoffs/**")
            .filters(f -> guarded(f.preserveHostHeader(), "handoff-service", properties.maxRequest())).uri(properties.handoffUrl()))
        .route("engine", r -> r.path("/api/onboardings/**", "/api/insights", "/api/insights/**", "/api/journeys/**",
                "/api/sync/*/resync", "/api/usage/events", "/engine-rest/**", "/camunda/**", "/insights/**", "/oauth2/authorization/**", "/login/oauth2/code/**")
            .and().not(p -> p.path("/engine-rest/engine/**", "/engine-rest/identity/verify"))   // CamundaGuard: 404, decoded too
            // the browser's Host goes along, so engine-service sends it back to the gateway after signing in
            .filters(f -> guarded(f.preserveHostHeader(), "engine-service", properties.maxRequest())
                .filter(new EngineQueryGuard(properties.maxRequest(), new java.util.HashSet<>(properties.allowedQueryExpressions()))))
            .uri(properties.engineUrl()))
        // the OpenAPI documents of Onramp's own APIs, for integrators (a people token, like the APIs)
        .route("engine-api-docs", r -> r.method(HttpMethod.GET).and().path("/v3/api-docs/engine-service")
            .filters(f -> guarded(f.setPath("/v3/api-docs"), "engine-service", properties.maxRequest())).uri(properties.engineUrl()))
        .route("handoff-api-docs", r -> r.method(HttpMethod.GET).and().path("/v3/api-docs/handoff-service")
            .filters(f -> guarded(f.setPath("/v3/api-docs"), "handoff-service", properties.maxRequest())).uri(properties.handoffUrl()))
        .route("hubspot-webhook", r -> r.method(HttpMethod.POST).and().path("/webhooks/hubspot")
            .filters(f -> guarded(f.filter(webhookLimit), "hubspot-connector", properties.maxRequest())).uri(properties.hubspotUrl()))
        .route("salesforce-webhook", r -> r.method(HttpMethod.POST).and().path("/webhooks/salesforce")
            .filters(f -> guarded(f.filter(webhookLimit), "salesforce-connector", properties.maxRequest()))
            .uri(properties.salesforceUrl()))
        .build();
  }

  /** Every service gets the same breaker: 50 % failures over 20 calls opens it; a call may take {@code downstreamTimeout}. */
  @Bean
  Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(GatewayProperties properties) {
    return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
        .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(properties.downstreamTimeout()).build())
        .circuitBreakerConfig(CircuitBreakerConfig.custom().slidingWindowSize(20).minimumNumberOfCalls(10)
            .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(15)).build())
        .build());
  }

  private static GatewayFilterSpec guarded(GatewayFilterSpec filters, String service, DataSize maxBody) {
    // the breaker outermost: a body over the limit is the caller's 413, not a failure of the service
    return filters.setRequestSize(maxBody)
        .circuitBreaker(c -> c.setName(service).setFallbackUri("forward:/fallback/" + service))
        .filter(new BodyLimit(maxBody));
  }
}

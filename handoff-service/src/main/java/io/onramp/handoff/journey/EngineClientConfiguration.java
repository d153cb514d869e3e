package io.onramp.handoff.journey;

import feign.RequestInterceptor;
import io.onramp.web.ServiceToken;
import org.springframework.beans.factory.ObjectProvider;
import feign.auth.BasicAuthRequestInterceptor;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;

/** Auth and error translation of the engine clients (not a @Configuration: used only by the Feign clients). */
class EngineClientConfiguration {

  /** A Keycloak service-account token when Keycloak is configured, else the engine's Basic account. */
  @Bean
  RequestInterceptor engineAuthentication(EngineProperties engine, ObjectProvider<ServiceToken> keycloak) {
    ServiceToken token = keycloak.getIfAvailable();
    if (token != null) {
      return request -> request.header("Authorization", token.header());
    }
    return new BasicAuthRequestInterceptor(engine.user(), engine.password(), StandardCharsets.UTF_8);
  }

  @Bean
  ErrorDecoder engineErrors() {
    return (method, response) -> {
      String body = "";
      if (response.body() != null) {
        try (InputStream in = response.body().asInputStream()) {
          body = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
        } catch (IOException e) {
          body = "(unreadable body)";
        }
      }
      return new EngineCallFailed(response.status(), body);
    };
  }
}

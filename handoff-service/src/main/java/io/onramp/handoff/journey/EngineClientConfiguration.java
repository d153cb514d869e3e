package io.onramp.handoff.journey;

import feign.RequestInterceptor;
import feign.codec.ErrorDecoder;
import io.onramp.web.ServiceAuthorization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;

/** Auth and error translation of the engine clients (not a @Configuration: used only by the Feign clients). */
class EngineClientConfiguration {

  /** The service's engine account ({@link EngineAccountConfiguration}): a Keycloak token, or Basic without Keycloak. */
  @Bean
  RequestInterceptor engineAuthentication(ServiceAuthorization engineAccount) {
    return request -> request.header("Authorization", engineAccount.header());
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

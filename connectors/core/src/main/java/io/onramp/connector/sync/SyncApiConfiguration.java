package io.onramp.connector.sync;

import feign.RequestInterceptor;
import feign.auth.BasicAuthRequestInterceptor;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;

/** The connector's engine account (a service account from the environment; Keycloak replaces it later). */
public class SyncApiConfiguration {

  @Bean
  RequestInterceptor engineAccount(ConnectorProperties properties) {
    return new BasicAuthRequestInterceptor(properties.engineUser(), properties.enginePassword(), StandardCharsets.UTF_8);
  }
}

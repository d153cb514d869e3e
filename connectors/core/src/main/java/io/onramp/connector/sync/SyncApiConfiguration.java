package io.onramp.connector.sync;

import feign.RequestInterceptor;
import io.onramp.web.ServiceToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

/** The connector's account toward engine-service: its Keycloak service account, or Basic without Keycloak. */
public class SyncApiConfiguration {

  @Bean
  RequestInterceptor engineAccount(ConnectorProperties properties, ObjectProvider<ServiceToken> keycloak) {
    return ServiceAuthentication.interceptor(keycloak, properties.engineUser(), properties.enginePassword());
  }
}

package io.onramp.connector.hubspot.webhook;

import feign.RequestInterceptor;
import io.onramp.connector.sync.ServiceAuthentication;
import io.onramp.web.ServiceToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

class HandoffDraftsConfiguration {

  @Bean
  RequestInterceptor handoffAccount(WebhookProperties properties, ObjectProvider<ServiceToken> keycloak) {
    return ServiceAuthentication.interceptor(keycloak, properties.handoffUser(), properties.handoffPassword());
  }
}

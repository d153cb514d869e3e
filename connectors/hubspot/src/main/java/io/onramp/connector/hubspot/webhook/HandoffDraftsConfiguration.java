package io.onramp.connector.hubspot.webhook;

import feign.RequestInterceptor;
import feign.auth.BasicAuthRequestInterceptor;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;

class HandoffDraftsConfiguration {

  @Bean
  RequestInterceptor handoffAccount(WebhookProperties properties) {
    return new BasicAuthRequestInterceptor(String.valueOf(properties.handoffUser()), String.valueOf(properties.handoffPassword()),
        StandardCharsets.UTF_8);
  }
}

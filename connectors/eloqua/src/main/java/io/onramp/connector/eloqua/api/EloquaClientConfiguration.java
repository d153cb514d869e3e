package io.onramp.connector.eloqua.api;

import feign.RequestInterceptor;
import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/** The session's Authorization on every call; Eloqua's error bodies turned into {@link EloquaError}. */
class EloquaClientConfiguration {

  @Bean
  RequestInterceptor eloquaAuthorization(EloquaSession session) {
    return request -> request.header("Authorization", session.authorization());
  }

  @Bean
  ErrorDecoder eloquaErrorDecoder() {
    return new EloquaErrors();
  }
}

package io.onramp.connector.eloqua.api;

import io.onramp.connector.sync.VendorError;
import feign.RequestInterceptor;
import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/** The session's Authorization on every call; Eloqua's error bodies turned into {@link VendorError}. */
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

package io.onramp.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** Puts {@link JsonInput} in front of every servlet service that has web-support: after Spring Security, before the APIs. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class JsonInputConfiguration {

  @Bean
  FilterRegistrationBean<JsonInput> onrampJsonInput(@Value("${onramp.web.max-json-body:2097152}") int maxBytes) {
    FilterRegistrationBean<JsonInput> registration = new FilterRegistrationBean<>(new JsonInput(maxBytes));
    registration.setOrder(0);                 // Spring Security's chain is at -100: unauthenticated bodies are never read
    return registration;
  }
}

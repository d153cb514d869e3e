package io.onramp.connector.handoff;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Import this from a connector that receives closed-won events: the one handoff-service client and {@link ClosedWonEvents}. */
@Configuration
@EnableConfigurationProperties(HandoffProperties.class)
@EnableFeignClients(clients = HandoffApi.class)
public class HandoffDraftsConfiguration {

  @Bean
  ClosedWonEvents closedWonEvents(HandoffApi handoffs, HandoffProperties properties, MeterRegistry metrics) {
    return new ClosedWonEvents(handoffs, properties, metrics);
  }
}

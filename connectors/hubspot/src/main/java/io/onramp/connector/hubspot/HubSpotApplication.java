package io.onramp.connector.hubspot;

import io.onramp.connector.handoff.HandoffDraftsConfiguration;
import io.onramp.connector.sync.ConnectorCoreConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients(basePackages = {"io.onramp.connector.hubspot.api", "io.onramp.connector.hubspot.webhook"})
@Import({ConnectorCoreConfiguration.class, HandoffDraftsConfiguration.class})
public class HubSpotApplication {
  public static void main(String[] args) {
    SpringApplication.run(HubSpotApplication.class, args);
  }
}

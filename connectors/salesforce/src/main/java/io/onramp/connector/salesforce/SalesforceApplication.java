package io.onramp.connector.salesforce;

import io.onramp.connector.handoff.HandoffDraftsConfiguration;
import io.onramp.connector.sync.ConnectorCoreConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients(basePackages = "io.onramp.connector.salesforce")
@Import({ConnectorCoreConfiguration.class, HandoffDraftsConfiguration.class})
public class SalesforceApplication {
  public static void main(String[] args) {
    SpringApplication.run(SalesforceApplication.class, args);
  }
}

package io.onramp.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The CRM sandbox: HubSpot, Salesforce and Eloqua as the connectors see them, in memory, for the
 * local stack and the system tests. Not a product service; it listens on loopback only.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SandboxApplication {

  public static void main(String[] args) {
    SpringApplication.run(SandboxApplication.class, args);
  }
}

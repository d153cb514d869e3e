package io.onramp.connector.eloqua;

import io.onramp.connector.sync.ConnectorCoreConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients(basePackages = "io.onramp.connector.eloqua")
@Import(ConnectorCoreConfiguration.class)
public class EloquaApplication {
  public static void main(String[] args) {
    SpringApplication.run(EloquaApplication.class, args);
  }
}

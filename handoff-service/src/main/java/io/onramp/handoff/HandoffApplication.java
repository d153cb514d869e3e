package io.onramp.handoff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableFeignClients
@EnableScheduling
public class HandoffApplication {
  public static void main(String[] args) {
    // the JDK's HttpURLConnection (Feign's default client) silently re-sends a POST after some
    // connection failures; a re-sent HandoffSubmitted could start a second journey
    System.setProperty("sun.net.http.retryPost", "false");
    SpringApplication.run(HandoffApplication.class, args);
  }
}

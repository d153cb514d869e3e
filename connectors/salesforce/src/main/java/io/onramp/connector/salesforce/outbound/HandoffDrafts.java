package io.onramp.connector.salesforce.outbound;

import feign.RequestInterceptor;
import io.onramp.connector.sync.ServiceAuthentication;
import io.onramp.web.ServiceToken;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** handoff-service's create call; idempotent per CRM deal, so a redelivered message changes nothing. */
@FeignClient(name = "handoff", url = "${onramp.salesforce.outbound.handoff-url}", configuration = HandoffDrafts.Account.class)
interface HandoffDrafts {

  @PostMapping("/api/handoffs")
  Map<String, Object> create(@RequestBody Map<String, Object> handoff);

  class Account {
    @Bean
    RequestInterceptor handoffAccount(OutboundProperties properties, ObjectProvider<ServiceToken> keycloak) {
      return ServiceAuthentication.interceptor(keycloak, properties.handoffUser(), properties.handoffPassword());
    }
  }
}

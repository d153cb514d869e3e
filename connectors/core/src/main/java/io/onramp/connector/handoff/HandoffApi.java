package io.onramp.connector.handoff;

import feign.RequestInterceptor;
import io.onramp.connector.sync.ServiceAuthentication;
import io.onramp.web.ServiceToken;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** handoff-service as the drafting connectors call it: create a draft (idempotent per CRM deal) and the record of handled events. */
@FeignClient(name = "handoff", url = "${onramp.connector.handoff.url}", configuration = HandoffApi.Account.class)
interface HandoffApi {

  /** {@code owner}: the deal owner's Onramp username, or null to leave the draft with the connector's account. */
  @PostMapping("/api/handoffs")
  Map<String, Object> create(@RequestBody Map<String, Object> handoff, @RequestParam(name = "owner", required = false) String owner);

  /** 404 (a {@code FeignException.NotFound}) when the event has not been handled. */
  @GetMapping("/api/crm-events/{crm}/{eventId}")
  HandledEvent event(@PathVariable("crm") String crm, @PathVariable("eventId") String eventId);

  @PutMapping("/api/crm-events/{crm}/{eventId}")
  HandledEvent handled(@PathVariable("crm") String crm, @PathVariable("eventId") String eventId, @RequestBody HandledEvent.Draft draft);

  /** The connector's account toward handoff-service: its Keycloak service account, or Basic without Keycloak. */
  class Account {
    @Bean
    RequestInterceptor handoffAccount(HandoffProperties properties, ObjectProvider<ServiceToken> keycloak) {
      return ServiceAuthentication.interceptor(keycloak, properties.user(), properties.password());
    }
  }
}

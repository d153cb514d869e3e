package io.onramp.connector.hubspot.webhook;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** handoff-service's create call; idempotent per CRM deal, so a redelivered webhook changes nothing. */
@FeignClient(name = "handoff", url = "${onramp.hubspot.webhook.handoff-url}", configuration = HandoffDraftsConfiguration.class)
interface HandoffDrafts {

  @PostMapping("/api/handoffs")
  Map<String, Object> create(@RequestBody Map<String, Object> handoff);
}

package io.onramp.connector.usage;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** engine-service's product-usage API (docs/csm-guide.md, "Health from product usage"), with the connector's sync account. */
@FeignClient(name = "engine-usage", url = "${onramp.connector.engine-url}", configuration = io.onramp.connector.sync.SyncApiConfiguration.class)
public interface UsageApi {

  record Batch(List<UsageEvent> events) {
  }

  @PostMapping("/api/usage/events")
  void send(@RequestBody Batch batch);
}

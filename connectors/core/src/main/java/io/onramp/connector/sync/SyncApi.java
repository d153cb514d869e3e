package io.onramp.connector.sync;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** engine-service's sync API (docs/sync-api.md). */
@FeignClient(name = "engine-sync", url = "${onramp.connector.engine-url}", configuration = SyncApiConfiguration.class)
public interface SyncApi {

  @PostMapping("/api/sync/{crm}/claim")
  List<SyncItem> claim(@PathVariable("crm") String crm, @RequestBody ClaimRequest request);

  @PostMapping("/api/sync/{crm}/ack")
  List<SyncAck.Result> acknowledge(@PathVariable("crm") String crm, @RequestBody SyncAck ack);
}

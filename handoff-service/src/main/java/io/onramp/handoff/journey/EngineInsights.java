package io.onramp.handoff.journey;

import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** engine-service's insights, as far as a handoff shows them. */
@FeignClient(name = "engine-insights", url = "${onramp.engine.url}", configuration = EngineClientConfiguration.class)
interface EngineInsights {

  @GetMapping("/api/insights/customers-like-you")
  Map<String, Object> customersLikeYou(@RequestParam(name = "segment", required = false) String segment,
                                       @RequestParam(name = "product", required = false) String product,
                                       @RequestParam(name = "arr", required = false) Double arr);
}

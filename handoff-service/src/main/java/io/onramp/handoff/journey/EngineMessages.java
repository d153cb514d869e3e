package io.onramp.handoff.journey;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** engine-service's REST API as far as journey messages go. */
@FeignClient(name = "engine-messages", url = "${onramp.engine.url}", configuration = EngineClientConfiguration.class)
interface EngineMessages {

  /** Correlates a message; with {@code resultEnabled} the answer names the started or reached instances. */
  @PostMapping("/engine-rest/message")
  List<Map<String, Object>> correlate(@RequestBody Map<String, Object> correlation);

  /**
   * Journeys ever started for a business key (running or ended), to detect a start whose answer was lost; a
   * page, as the engine answers no unbounded list ({@code queryMaxResultsLimit}).
   */
  @GetMapping("/engine-rest/history/process-instance")
  List<Map<String, Object>> journeys(@RequestParam("processInstanceBusinessKey") String businessKey,
                                     @RequestParam("processDefinitionKey") String processDefinitionKey,
                                     @RequestParam("maxResults") int maxResults);
}

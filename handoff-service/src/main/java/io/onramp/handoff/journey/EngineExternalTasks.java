package io.onramp.handoff.journey;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** The engine's external-task API, long-polled by the handoff-review worker (its own timeouts: see application.yml). */
@FeignClient(name = "engine-external-tasks", url = "${onramp.engine.url}", configuration = EngineClientConfiguration.class)
interface EngineExternalTasks {

  @PostMapping("/engine-rest/external-task/fetchAndLock")
  List<Map<String, Object>> fetchAndLock(@RequestBody Map<String, Object> request);

  @PostMapping("/engine-rest/external-task/{id}/complete")
  void complete(@PathVariable("id") String id, @RequestBody Map<String, Object> request);

  @PostMapping("/engine-rest/external-task/{id}/failure")
  void failure(@PathVariable("id") String id, @RequestBody Map<String, Object> request);
}

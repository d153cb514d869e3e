package io.onramp.connector.step;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** The engine's external-task REST API (long polling fetchAndLock; complete, bpmnError, failure). */
@FeignClient(name = "engine-steps", url = "${onramp.connector.engine-url}",
    configuration = io.onramp.connector.sync.SyncApiConfiguration.class)
public interface ExternalTaskApi {

  @PostMapping("/engine-rest/external-task/fetchAndLock")
  List<LockedStep> fetchAndLock(@RequestBody Map<String, Object> request);

  @PostMapping("/engine-rest/external-task/{id}/complete")
  void complete(@PathVariable("id") String id, @RequestBody Map<String, Object> request);

  @PostMapping("/engine-rest/external-task/{id}/bpmnError")
  void bpmnError(@PathVariable("id") String id, @RequestBody Map<String, Object> request);

  @PostMapping("/engine-rest/external-task/{id}/failure")
  void failure(@PathVariable("id") String id, @RequestBody Map<String, Object> request);
}

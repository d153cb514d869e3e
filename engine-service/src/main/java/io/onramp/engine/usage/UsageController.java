package io.onramp.engine.usage;

import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/usage/events}: product-usage events from the product (service account {@code usage-reporter}). */
@RestController
@RequestMapping("/api/usage")
class UsageController {

  record Batch(List<UsageEvent> events) {}

  private final UsageSignals signals;

  UsageController(UsageSignals signals) {
    this.signals = signals;
  }

  @PostMapping("/events")
  UsageSignals.Receipt events(@RequestBody Batch batch) {
    return signals.receive(batch.events(), UsageSignals.Source.API);
  }
}

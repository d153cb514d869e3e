package io.onramp.handoff.journey;

import io.onramp.handoff.handoff.HandoffContent;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What customers like this one took to reach each milestone (engine-service's "customers like you"
 * for the handoff's segment, first product and ARR), shown on the handoff. A handoff is still shown
 * when the engine cannot say: without the expectation, and with a warning in the log.
 */
@Service
public class CustomersLikeYou {

  private static final Logger log = LoggerFactory.getLogger(CustomersLikeYou.class);

  private final EngineInsights engine;

  CustomersLikeYou(EngineInsights engine) {
    this.engine = engine;
  }

  public Optional<Map<String, Object>> expect(HandoffContent handoff) {
    String segment = handoff.account() == null || handoff.account().segment() == null ? null : handoff.account().segment().value();
    String product = handoff.products().isEmpty() ? null : handoff.products().getFirst().name();
    Double arr = handoff.arr() == null ? null : handoff.arr().doubleValue();
    try {
      return Optional.ofNullable(engine.customersLikeYou(segment, product, arr));
    } catch (EngineCallFailed | feign.RetryableException e) {
      log.warn("no 'customers like you' for segment {}, product {}: {}", segment, product, e.getMessage());
      return Optional.empty();
    }
  }
}

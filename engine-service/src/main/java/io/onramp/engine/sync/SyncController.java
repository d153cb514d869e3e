package io.onramp.engine.sync;

import io.onramp.engine.onboarding.Crm;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sync API connectors work from: claim due rows in batches, acknowledge a whole batch in one call. */
@RestController
@RequestMapping("/api/sync/{crm}")
class SyncController {

  private final SyncClaims claims;
  private final SyncSignal signal;
  private final SyncProperties properties;

  SyncController(SyncClaims claims, SyncSignal signal, SyncProperties properties) {
    this.claims = claims;
    this.signal = signal;
    this.properties = properties;
  }

  @PostMapping("/claim")
  List<ClaimedItem> claim(@PathVariable("crm") String crmId, @Valid @RequestBody ClaimRequest request)
      throws InterruptedException {
    Crm crm = crm(crmId);
    int max = bounded("maxItems", request.maxItems(), 100, properties.maxBatch());
    Duration lease = Duration.ofSeconds(bounded("leaseSeconds", request.leaseSeconds(), 60, properties.maxLease().toSeconds()));
    Duration wait = Duration.ofSeconds(bounded("waitSeconds", request.waitSeconds(), 0, properties.maxWait().toSeconds()));
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<ClaimedItem> items = claims.claim(crm, request.workerId(), max, lease, request.reclaiming());
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (!items.isEmpty() || remainingMillis <= 0) {
        return items;
      }
      signal.await(crm, Math.min(remainingMillis, 1000));
    }
  }

  /** 200 when every item was applied; 409 when any answered a lease that had moved on (those changed nothing, the rest applied). */
  @PostMapping("/ack")
  org.springframework.http.ResponseEntity<List<SyncAck.Result>> acknowledge(@PathVariable("crm") String crmId,
                                                                            @Valid @RequestBody SyncAck ack) {
    List<SyncAck.Result> results = claims.acknowledge(crm(crmId), ack);
    boolean stale = results.stream().anyMatch(r -> r.status().equals("STALE"));
    return org.springframework.http.ResponseEntity.status(stale ? 409 : 200).body(results);
  }

  /**
   * Reconciles a CRM (onramp-admin): every row it has confirmed is written again with the current
   * state — stages, health, TTV, link, tasks by their keys, so nothing is duplicated. Failed rows stay
   * failed until their incident is resolved.
   */
  @PostMapping("/resync")
  ResyncRequest.Result resync(@PathVariable("crm") String crmId, @Valid @RequestBody(required = false) ResyncRequest request) {
    Crm crm = crm(crmId);
    ResyncRequest.Result result = claims.requeue(crm, request == null ? null : request.onboardingIds());
    signal.wake(crm);
    return result;
  }

  private static Crm crm(String id) {
    return Crm.fromId(id).orElseThrow(() -> new UnknownCrm(id));
  }

  private static int bounded(String field, Integer value, int fallback, long max) {
    if (value != null && value > max) {
      throw new SyncRequestOutOfRange(field, value, max);
    }
    return value == null ? fallback : value;
  }
}

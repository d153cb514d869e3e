package io.onramp.engine.insights;

import io.onramp.engine.onboarding.CrmLinks;
import io.onramp.engine.onboarding.Health;
import io.onramp.engine.onboarding.JourneyFacts;
import io.onramp.engine.onboarding.Onboarding;
import io.onramp.engine.onboarding.OnboardingProfile;
import io.onramp.engine.onboarding.OnboardingRepository;
import io.onramp.processes.Stage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A labelled demo history for {@code ./onramp run} ({@code onramp.demo.history=true}): a few hundred onboardings won over
 * the past year — accounts named "Demo · …", business keys {@code DEMO-…} — recorded through the same repository the
 * journeys' stage tracking writes with (stages, CSM, SLA breaches and rescues, health) and the insights API's own
 * survey and renewal recording, each dated as it happened, so the insights page's first look shows what it is for.
 * Once per database (replicas and restarts skip it), beside the start-up; the same every time (a fixed seed).
 */
@Component
@ConditionalOnProperty(name = "onramp.demo.history", havingValue = "true")
class DemoHistory {

  static final String PREFIX = "DEMO-";
  static final int ONBOARDINGS = 300;
  private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
  private static final List<String> CSMS = List.of("casey", "jordan", "priya", "malik");
  private static final List<String> PRODUCTS = List.of("Reports", "Connectors", "Platform");
  private static final List<String> ACCOUNTS = List.of("Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Wonka",
      "Stark", "Tyrell", "Cyberdyne", "Soylent", "Acme", "Wayne", "Oscorp", "Pied Piper");
  private static final List<Stage> PATH = List.of(Stage.HANDOFF, Stage.KICKOFF, Stage.SETUP, Stage.TRAINING, Stage.GO_LIVE,
      Stage.FIRST_VALUE, Stage.ADOPTION, Stage.STEADY_STATE);

  private final OnboardingRepository onboardings;
  private final Feedback feedback;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  DemoHistory(OnboardingRepository onboardings, Feedback feedback, JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.onboardings = onboardings;
    this.feedback = feedback;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    Thread seeding = new Thread(() -> {
      try {
        seed(ClockUtil.now().toInstant());
      } catch (RuntimeException e) {
        log.warn("demo history not seeded: {}", e.toString());
      }
    }, "demo-history");
    seeding.setDaemon(true);
    seeding.start();
  }

  /** Seeds the history ending at {@code now}, unless it is there; returns how many onboardings it recorded. */
  int seed(Instant now) {
    Boolean claimed = transaction.execute(s -> jdbc.sql("select pg_try_advisory_xact_lock(hashtext('onramp-demo-history'))")
        .query(Boolean.class).single() && jdbc.sql("select count(*) from onramp_onboarding where business_key like 'DEMO-%'")
        .query(Long.class).single() == 0 && claim(now));
    if (!Boolean.TRUE.equals(claimed)) {
      log.info("demo history: already there (or another replica is writing it)");
      return 0;
    }
    long started = System.nanoTime();
    Random random = new Random(42);
    for (int i = 1; i <= ONBOARDINGS; i++) {
      int n = i;
      transaction.executeWithoutResult(s -> onboarding(n, random, now));
      if (n % 100 == 0) {
        log.info("demo history: {} of {} onboardings recorded", n, ONBOARDINGS);
      }
    }
    log.info("demo history: {} labelled demo onboardings (business keys {}…) recorded in {} ms", ONBOARDINGS, PREFIX,
        (System.nanoTime() - started) / 1_000_000);
    return ONBOARDINGS;
  }

  /** The first demo onboarding, written in the claiming transaction: a second replica sees it and skips. */
  private boolean claim(Instant now) {
    onboarding(0, new Random(0), now);
    return true;
  }

  private void onboarding(int n, Random random, Instant now) {
    String segment = random.nextInt(10) < 5 ? "assisted" : random.nextInt(10) < 6 ? "self-serve" : "enterprise";
    String variant = segment.toUpperCase().replace('-', '_');
    double arr = switch (segment) {
      case "self-serve" -> 2_000 + random.nextInt(8_000);
      case "assisted" -> 12_000 + random.nextInt(60_000);
      default -> 80_000 + random.nextInt(400_000);
    };
    Instant won = now.minus(Duration.ofHours(24L * (n == 0 ? 400 : 3 + random.nextInt(362)) + random.nextInt(24)));
    String key = PREFIX + String.format("%03d", n);
    String account = "Demo · " + ACCOUNTS.get(n % ACCOUNTS.size()) + " " + String.format("%03d", n);
    JourneyFacts facts = new JourneyFacts("demo-" + String.format("%03d", n), key, "customer-onboarding", account, segment, won, won,
        new CrmLinks(null, null, null, null, List.of(), null), new OnboardingProfile(variant, PRODUCTS.get(random.nextInt(PRODUCTS.size())),
        BigDecimal.valueOf(arr), 55 + random.nextInt(46), won.plus(Duration.ofHours(6 + random.nextInt(60)))));
    double pace = segment.equals("enterprise") ? 1.6 : segment.equals("self-serve") ? 0.6 : 1.0;
    boolean cancels = random.nextInt(100) < 8;
    int cancelAt = 2 + random.nextInt(2);                                   // in SETUP or TRAINING
    Instant at = won;
    String csm = CSMS.get(random.nextInt(CSMS.size()));
    for (int s = 0; s < PATH.size(); s++) {
      Stage stage = PATH.get(s);
      if (s > 0) {
        at = at.plus(Duration.ofHours((long) (24 * pace * stay(PATH.get(s - 1), random))));
      }
      if (at.isAfter(now)) {
        break;                                                            // still in the stage before: in flight
      }
      record(facts, stage, at);
      if (stage == Stage.KICKOFF) {
        onboardings.recordCsm(facts.onboardingId(), csm);
      }
      if (stage == Stage.SETUP && random.nextInt(100) < 22) {
        long breach = onboardings.recordSlaBreach(facts.onboardingId(), random.nextBoolean() ? "Task_CompleteTechnicalSetup"
            : "Task_HoldKickoffCall", at.plus(Duration.ofDays(2)));
        String action = List.of("NUDGE", "NUDGE", "REASSIGN", "ESCALATE").get(random.nextInt(4));
        if (random.nextInt(5) > 0) {
          onboardings.recordRescue(breach, action);
        }
      }
      if (cancels && s == cancelAt) {
        Instant cancelled = at.plus(Duration.ofDays(3 + random.nextInt(10)));
        if (cancelled.isBefore(now)) {
          record(facts, Stage.CANCELLED, cancelled);
        }
        break;
      }
    }
    Onboarding after = onboardings.find(facts.onboardingId()).orElseThrow();
    if (after.endedAt() == null && after.stageEnteredAt() != null
        && Duration.between(after.stageEnteredAt(), now).toDays() > 10 + random.nextInt(20)) {
      onboardings.recordHealth(after.id(), random.nextInt(3) == 0 ? Health.OFF_TRACK : Health.AT_RISK);
    }
    if (after.firstValueAt() != null && random.nextInt(100) < 60) {
      Instant answered = after.firstValueAt().plus(Duration.ofDays(7));
      if (answered.isBefore(now)) {
        feedback.survey(new Feedback.SurveyAnswer(facts.onboardingId(), "CSAT", 2 + random.nextInt(4), answered));
        feedback.survey(new Feedback.SurveyAnswer(facts.onboardingId(), "NPS", 4 + random.nextInt(7), answered));
      }
    }
    if (Duration.between(won, now).toDays() > 365) {
      feedback.outcome(new Feedback.RenewalOutcome(facts.onboardingId(), after.firstValueAt() != null && random.nextInt(10) < 8
          ? "RENEWED" : "CHURNED", won.plus(Duration.ofDays(365))));
    }
  }

  private void record(JourneyFacts facts, Stage stage, Instant at) {
    Onboarding before = onboardings.lockOrCreate(facts, at);
    long version = onboardings.nextVersion(before.id(), at);
    onboardings.recordStage(before, stage, "demo-history", version, at, at);
  }

  /** Days spent in a stage before the next one, roughly as assisted customers take them. */
  private static double stay(Stage stage, Random random) {
    return switch (stage) {
      case HANDOFF -> 1 + random.nextInt(4);
      case KICKOFF -> 1 + random.nextInt(3);
      case SETUP -> 6 + random.nextInt(20);
      case TRAINING -> 4 + random.nextInt(10);
      case GO_LIVE -> 3 + random.nextInt(15);
      case FIRST_VALUE -> 1;
      case ADOPTION -> 30 + random.nextInt(30);
      default -> 1;
    };
  }
}

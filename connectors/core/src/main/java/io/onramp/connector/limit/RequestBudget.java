package io.onramp.connector.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Requests this worker may still send to one CRM account: a rolling window (e.g. 100 per 10 s) and
 * a daily cap. {@link #acquire()} waits for the window instead of failing; when the day's budget is
 * spent it throws {@link BudgetSpent} so the work is handed back until the budget renews. The
 * vendor's own answers (remaining-count headers, 429s) tighten it further.
 *
 * <p>Limits are per CRM account, shared by every replica of a connector: with a {@link Ledger}
 * ({@link #sharedThrough}) each request also takes a permit from the account's budget that all replicas
 * keep together in engine-service, and a vendor's "wait" told to one replica holds them all. Without
 * the ledger (tests, a single process) the budget is this process's alone. No permit, no call: when the
 * ledger cannot be reached the budget refuses ({@link BudgetUnavailable}) rather than guess.
 */
public class RequestBudget {

  /** How the budget waits; tests pass a fake so no real time passes. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** How late after its own count a call may reach the vendor: the most a shared permit may wait to be sent. */
  static final Duration LATE = Duration.ofMillis(250);
  /**
   * How late a call may reach the vendor after it was counted (a scheduling pause, a collection, the network): each call
   * holds its place in the window that much longer, or a call counted at the start of one window but arriving later
   * would still be in the vendor's window when this one has already moved on (a 429 the budget should have prevented).
   */
  static final Duration TRAVEL = Duration.ofMillis(250);

  private final String name;
  private final int perWindow;
  /** The vendor's window and {@link #TRAVEL}: how long a call counts. */
  private final Duration window;
  private final long perDay;
  private final ZoneId dayZone;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Deque<Instant> sent = new ArrayDeque<>();
  private LocalDate day;
  private long sentToday;
  private Instant pausedUntil = Instant.MIN;
  private Instant spentUntil = Instant.MIN;
  private Ledger ledger;
  private int held;
  private Instant heldUntil = Instant.MIN;

  public RequestBudget(String name, int perWindow, Duration window, long perDay, ZoneId dayZone, Clock clock, Sleeper sleeper) {
    if (perWindow < 1 || perDay < 1) {
      throw new IllegalArgumentException(name + ": limits must be at least 1 (window " + perWindow + ", day " + perDay + ")");
    }
    this.name = name;
    this.perWindow = perWindow;
    this.window = window.plus(TRAVEL);
    this.perDay = perDay;
    this.dayZone = dayZone;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Every replica's requests to this account also count in {@code ledger}; returns this budget. */
  public synchronized RequestBudget sharedThrough(Ledger ledger) {
    this.ledger = ledger;
    return this;
  }

  /** Takes one request from the budget, waiting for the window if needed. */
  public synchronized void acquire() throws InterruptedException {
    Instant readyAt;
    while ((readyAt = tryAcquire()) != null) {
      sleeper.sleep(Duration.between(clock.instant(), readyAt));
    }
  }

  /**
   * Takes one request if the window has room now and returns null; otherwise takes nothing and
   * returns when there will be room — for work that should be handed back rather than wait (a
   * window of an hour). Throws {@link BudgetSpent} when the day's budget is spent.
   */
  public synchronized Instant tryAcquire() {
    Instant now = clock.instant();
    rollDay(now);
    if (now.isBefore(spentUntil) || sentToday >= perDay) {
      Instant renews = spentUntil.isAfter(now) ? spentUntil : nextDay(now);
      throw new BudgetSpent(name, renews);
    }
    forgetOlderThanWindow(now);
    Instant readyAt = now;
    if (sent.size() >= perWindow) {
      readyAt = sent.peekFirst().plus(window);
    }
    if (pausedUntil.isAfter(readyAt)) {
      readyAt = pausedUntil;
    }
    if (readyAt.isAfter(now)) {
      return readyAt;
    }
    if (ledger != null) {
      Instant sharedReadyAt = takeShared(now);
      if (sharedReadyAt != null) {
        return sharedReadyAt;
      }
    }
    sent.addLast(now);
    sentToday++;
    return null;
  }

  /** A permit from the shared budget (one held from the last take, or a new take): null, or when to ask again. */
  private Instant takeShared(Instant now) {
    if (held > 0 && now.isBefore(heldUntil)) {
      held--;
      return null;
    }
    Ledger.Grant grant;
    try {
      grant = ledger.take(1, perWindow, window, perDay, dayZone);
    } catch (RuntimeException e) {
      throw new BudgetUnavailable(name, e);
    }
    if (grant.granted() > 0) {
      heldUntil = now.plus(grant.validFor());         // from before the take: the answer's travel time is ours to lose
      if (!clock.instant().isBefore(heldUntil)) {
        held = 0;                                     // the answer came too late to use (a pause, a slow engine): take again
        return clock.instant();
      }
      held = grant.granted() - 1;
      return null;
    }
    if (grant.daySpent()) {
      spentUntil = now.plus(grant.retryIn());
      throw new BudgetSpent(name, spentUntil);
    }
    return now.plus(grant.retryIn());
  }

  /** The vendor said to wait (a rolling-window 429, a 423, a processing limit): this replica and, through the ledger, all. */
  public synchronized void pauseUntil(Instant until) {
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
      tellLedger(Duration.between(clock.instant(), until), false);
    }
  }

  /** The vendor said the day's budget is gone (a daily 429, or the daily-remaining header at 0). */
  public synchronized void spentUntilTomorrow() {
    Instant tomorrow = nextDay(clock.instant());
    if (!tomorrow.equals(spentUntil)) {
      spentUntil = tomorrow;
      tellLedger(Duration.ZERO, true);
    }
  }

  /** The other replicas learn it at their next take; if the ledger cannot be told, this replica still waits. */
  private void tellLedger(Duration wait, boolean daySpent) {
    if (ledger == null || wait.isNegative()) {
      return;
    }
    try {
      ledger.pause(wait, daySpent, dayZone);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(RequestBudget.class).warn("{}: could not share the vendor's wait with the other replicas: {}",
          name, e.getMessage());
    }
  }

  /**
   * Rate-limit headers of the last answer. Nothing left in a rolling window that this process filled itself: wait
   * until its own oldest call leaves it (and the lease a shared permit had, {@link #LATE}), which its window would make
   * it do anyway. Nothing left while its own count says there is room: calls it does not know of (another app on the
   * account) fill the window, and how long they stay in it is unknown — wait a whole interval.
   */
  public synchronized void observe(Integer remainingInWindow, Duration interval, Long remainingToday) {
    Instant now = clock.instant();
    if (remainingInWindow != null && remainingInWindow <= 0) {
      forgetOlderThanWindow(now);
      pauseUntil(sent.size() >= perWindow ? sent.peekFirst().plus(window).plus(LATE) : now.plus(interval == null ? window : interval));
    }
    if (remainingToday != null && remainingToday <= 0) {
      spentUntilTomorrow();
    }
  }

  public synchronized int remainingInWindow() {
    Instant now = clock.instant();
    return (int) Math.max(0, perWindow - sent.stream().filter(t -> t.plus(window).isAfter(now)).count());
  }

  /** The share of the rolling window this process has used, 0 to 1; 1 while the vendor has said to wait. */
  public synchronized double windowUsed() {
    return pausedUntil.isAfter(clock.instant()) ? 1.0 : 1.0 - (double) remainingInWindow() / perWindow;
  }

  public synchronized long remainingToday() {
    rollDay(clock.instant());
    return Math.max(0, perDay - sentToday);
  }

  /** When a spent day renews; {@link Instant#MIN} while the day is not spent. */
  public synchronized Instant spentUntil() {
    Instant now = clock.instant();
    return now.isBefore(spentUntil) ? spentUntil : sentToday >= perDay ? nextDay(now) : Instant.MIN;
  }

  public String name() {
    return name;
  }

  private void forgetOlderThanWindow(Instant now) {
    while (!sent.isEmpty() && !sent.peekFirst().plus(window).isAfter(now)) {
      sent.pollFirst();
    }
  }

  private void rollDay(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, dayZone);
    if (!today.equals(day)) {
      day = today;
      sentToday = 0;
    }
  }

  private Instant nextDay(Instant now) {
    return LocalDate.ofInstant(now, dayZone).plusDays(1).atStartOfDay(dayZone).toInstant();
  }
}

package io.onramp.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one round of work after another on its own thread (each round long-polls the engine) — every polling
 * worker of Onramp (the connectors' sync and journey-step workers, handoff-service's review worker) — and
 * pauses 1 s, doubling up to 10 s, while the engine cannot be reached (so a restarted engine is found again within 10 s).
 */
public final class BackgroundPoller {

  private static final Logger log = LoggerFactory.getLogger(BackgroundPoller.class);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

  /** A round longer than this is reported once, with where it hangs (a long poll takes at most about 35 s). */
  private static final Duration STUCK = Duration.ofMinutes(2);

  private final String name;
  private final Runnable round;
  private volatile Thread thread;
  private volatile long roundStarted;
  private volatile boolean reported;

  public BackgroundPoller(String name, Runnable round) {
    this.name = name;
    this.round = round;
  }

  public void start() {
    // assigned before it starts: the loop below runs while `thread` is set, and a thread started first could
    // find it still null and end at once (a connector that then never syncs)
    Thread poller = Thread.ofPlatform().name(name).unstarted(() -> {
      Duration pause = FIRST_PAUSE;
      while (thread != null) {
        try {
          roundStarted = System.nanoTime();
          reported = false;
          round.run();
          pause = FIRST_PAUSE;
        } catch (RuntimeException e) {
          if (thread == null) {
            return;                        // stopping: the failed call is not an engine problem
          }
          log.warn("{}: engine not reachable ({}); next try in {}", name, e.getMessage(), pause);
          try {
            Thread.sleep(pause);           // back off from an unreachable engine
          } catch (InterruptedException interrupted) {
            return;
          }
          pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
      }
    });
    thread = poller;
    poller.start();
    Thread.ofPlatform().daemon().name(name + "-watch").start(this::watch);
  }

  /** Says, once per round, when a round runs far longer than a long poll can, and where it is. */
  private void watch() {
    while (thread != null) {
      try {
        Thread.sleep(Duration.ofSeconds(30));      // a watchdog's check interval
      } catch (InterruptedException e) {
        return;
      }
      Thread running = thread;
      long started = roundStarted;
      if (running != null && !reported && started != 0 && System.nanoTime() - started > STUCK.toNanos()) {
        reported = true;
        StringBuilder where = new StringBuilder();
        for (StackTraceElement frame : running.getStackTrace()) {
          where.append("\n\tat ").append(frame);
        }
        log.warn("{}: one round has been running for more than {} s; it is at:{}", name, STUCK.toSeconds(), where);
      }
    }
  }

  /**
   * Stops after the round in hand: waits up to {@code grace} for it to finish, or interrupts it at
   * once ({@code interrupt}) when abandoning it loses nothing.
   */
  public void stop(Duration grace, boolean interrupt) {
    Thread running = thread;
    thread = null;
    if (running == null) {
      return;
    }
    if (interrupt) {
      running.interrupt();
    }
    try {
      running.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isRunning() {
    return thread != null;
  }
}

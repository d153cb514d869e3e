package io.onramp.web;

import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.springframework.context.SmartLifecycle;

/**
 * Starts Camunda's external task client fetching the service's journey-step subscriptions when this
 * instance works them, and stops it on shutdown (after the long poll in flight: a task fetched and not
 * handled is fetched again once its lock runs out). The client is configured with
 * {@code camunda.bpm.client.disable-auto-fetching: true} so that an instance that does not work steps
 * never polls.
 */
public final class ExternalTaskFetching implements SmartLifecycle {

  private final ExternalTaskClient client;
  private final boolean enabled;
  private volatile boolean running;

  public ExternalTaskFetching(ExternalTaskClient client, boolean enabled) {
    this.client = client;
    this.enabled = enabled;
  }

  /**
   * The client's wait between fetches, as a bean beside this one: only after a failed fetch (doubling from 0.5 s to
   * 30 s, so an engine that is down is not hammered); an empty answer has already waited its long poll
   * ({@code camunda.bpm.client.async-response-timeout}), so the next fetch goes at once.
   */
  public static BackoffStrategy backoffOnErrors() {
    return new ExponentialErrorBackoffStrategy(500, 2, 30_000);
  }

  @Override
  public void start() {
    if (enabled) {
      client.start();
      running = true;
    }
  }

  @Override
  public void stop() {
    if (running) {
      client.stop();
      running = false;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}

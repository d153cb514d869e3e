package io.onramp.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {

  final AtomicInteger attempts = new AtomicInteger();

  @Test
  void shouldCompleteATaskThatMetAConcurrentBranchEndingOnTheNextAttempt() {
    CommandInterceptor retry = chain(2, new ProcessEngineException("ENGINE-03077 Cannot resolve parent with id 'x' of execution 'y'"));

    assertThat(retry.execute(new CompleteTaskCmd("task-1", Map.of())).getValue("done", Boolean.class)).isTrue();
    assertThat(attempts).hasValue(3);
  }

  @Test
  void shouldCompleteATaskWhoseTransactionWasADeadlocksVictimOnTheNextAttempt() {
    CommandInterceptor retry = chain(1, new org.springframework.dao.PessimisticLockingFailureException(
        "ERROR: deadlock detected; Process 8418 waits for ShareLock on transaction 978"));

    assertThat(retry.execute(new CompleteTaskCmd("task-1", Map.of())).getValue("done", Boolean.class)).isTrue();
    assertThat(attempts).hasValue(2);
  }

  @Test
  void shouldGiveUpAfterThreeAttemptsAndLeaveOtherCommandsAndOtherErrorsAlone() {
    assertThatThrownBy(() -> chain(5, new OptimisticLockingException("ENGINE-03005 updated by another transaction"))
        .execute(new CompleteTaskCmd("task-1", Map.of()))).isInstanceOf(OptimisticLockingException.class);
    assertThat(attempts).hasValue(3);

    attempts.set(0);
    Command<Object> other = context -> "other";
    assertThatThrownBy(() -> chain(1, new OptimisticLockingException("conflict")).execute(other))
        .isInstanceOf(OptimisticLockingException.class);
    assertThat(attempts).hasValue(1);

    attempts.set(0);
    assertThatThrownBy(() -> chain(1, new ProcessEngineException("Cannot complete task: no such task"))
        .execute(new CompleteTaskCmd("task-1", Map.of()))).hasMessageContaining("no such task");
    assertThat(attempts).hasValue(1);
  }

  /** The retry in front of a command executor that fails {@code failures} times, then answers {done: true}. */
  private CommandInterceptor chain(int failures, RuntimeException failure) {
    CommandInterceptor retry = new ConflictRetry.Interceptor();
    retry.setNext(new CommandInterceptor() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T execute(Command<T> command) {
        if (attempts.incrementAndGet() <= failures) {
          throw failure;
        }
        return (T) Variables.createVariables().putValue("done", true);
      }
    });
    return retry;
  }
}

package io.onramp.engine.config;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A person completing a task must not get an error because a play's branch of the same journey
 * ended at the same moment (an optimistic-locking conflict, or ENGINE-03077 when the branch ending
 * compacted the execution tree under them; found by the system test), or because the database chose
 * their transaction as a deadlock's victim — in our own SQL (Spring's pessimistic-locking failure) or in
 * the engine's (a persistence exception with Camunda's DEADLOCK code, 10000, or PostgreSQL's 40P01 under
 * it; seen in CI as a 500 on a CSM's completion while a play of the same journey ended). Completing a task — from
 * Tasklist or the REST API — is retried up to three times in a fresh transaction; the failed
 * attempt was rolled back entirely, so nothing is done twice. Other commands are left alone.
 */
@Component
public class ConflictRetry extends AbstractProcessEnginePlugin {

  public static final int ATTEMPTS = 3;
  private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new Interceptor());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** Whether {@code e} is a concurrent change of the same journey, which a fresh attempt can get past. */
  public static boolean isConflict(Throwable e) {
    return Interceptor.conflict(e);
  }

  /** Outside the transaction: each attempt runs in its own. */
  static final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      boolean retryable = (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)
          && Context.getCommandContext() == null;                    // never inside someone else's transaction
      for (int attempt = 1; ; attempt++) {
        try {
          return next.execute(command);
        } catch (ProcessEngineException | org.springframework.dao.PessimisticLockingFailureException e) {
          if (!retryable || attempt >= ATTEMPTS || !conflict(e)) {
            throw e;
          }
          log.info("{} met a concurrent change of the same journey (attempt {}): {}; trying again", command.getClass().getSimpleName(),
              attempt, e.getMessage());
        }
      }
    }

    static boolean conflict(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof OptimisticLockingException || t instanceof org.springframework.dao.PessimisticLockingFailureException
            || (t instanceof ProcessEngineException engine && engine.getCode() == BuiltinExceptionCode.DEADLOCK.getCode())
            || (t instanceof SQLException sql && deadlock(sql))
            || (t.getMessage() != null && t.getMessage().contains("ENGINE-03077"))) {
          return true;
        }
      }
      return false;
    }

    /** Camunda's own reading of a deadlock victim, for each database it runs on; a batch's next exceptions too. */
    private static boolean deadlock(SQLException sql) {
      for (SQLException next = sql; next != null; next = next.getNextException()) {
        if (ExceptionUtil.checkDeadlockException(next)) {
          return true;
        }
      }
      return false;
    }
  }
}

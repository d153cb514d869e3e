package io.onramp.engine.insights;

import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one report in a read-only transaction that may sort in memory (percentiles sort their input;
 * PostgreSQL's default 4 MB spills a year of stage transitions to disk), without JIT compilation (it
 * costs more than it saves on queries of this size), and never for longer than {@value #TIME_LIMIT}.
 */
@Component
class ReportRun {

  static final String TIME_LIMIT = "15s";

  private final TransactionTemplate transaction;
  private final JdbcClient jdbc;

  ReportRun(PlatformTransactionManager transactions, JdbcClient jdbc) {
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setReadOnly(true);
    this.jdbc = jdbc;
  }

  <T> T run(Supplier<T> report) {
    return transaction.execute(status -> {
      jdbc.sql("set local work_mem = '64MB'").update();
      jdbc.sql("set local jit = off").update();
      jdbc.sql("set local statement_timeout = '" + TIME_LIMIT + "'").update();
      return report.get();
    });
  }
}

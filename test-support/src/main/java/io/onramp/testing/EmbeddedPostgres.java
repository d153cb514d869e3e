package io.onramp.testing;

import java.io.IOException;
import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server per test JVM (zonky embedded binaries), shared by every integration test;
 * stopped once every Spring context of the JVM has closed.
 */
public final class EmbeddedPostgres {

  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres() {}

  /** Registers the shared server as Spring's datasource. */
  public static void register(DynamicPropertyRegistry registry) {
    String url = jdbcUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  /** The shared server's JDBC URL (user postgres, no password), starting it on first use. */
  public static synchronized String jdbcUrl() {
    if (server == null) {
      try {
        server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        // stop the server only after Spring has closed every context (the engine needs the database to close)
        SpringApplication.getShutdownHandlers().add(() -> {
          try {
            server.close();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
      } catch (IOException e) {
        throw new IllegalStateException("embedded PostgreSQL did not start", e);
      }
    }
    return server.getJdbcUrl("postgres", "postgres");
  }
}

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

  /**
   * Registers a database of its own on the shared server (created on first use): for a test whose
   * Spring context must not share tables with the cached contexts of other tests (their schedulers
   * would work its rows).
   */
  public static void register(DynamicPropertyRegistry registry, String database) {
    String url = database(database);
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  /** The JDBC URL (user postgres, no password) of a database of its own on the shared server, created on first use. */
  public static synchronized String database(String database) {
    String base = jdbcUrl();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(base, "postgres", "");
         java.sql.Statement s = c.createStatement()) {
      if (!s.executeQuery("select 1 from pg_database where datname = '" + database + "'").next()) {
        s.execute("create database " + database);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create database " + database, e);
    }
    return base.replace("/postgres?", "/" + database + "?");
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

package io.onramp.stack;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** One database per service in the embedded server, created on first start. */
final class Databases {
  private Databases() {}

  static void ensure(DataSource admin, String... names) throws SQLException {
    try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
      for (String name : names) {
        try (var rs = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
          if (!rs.next()) {
            statement.execute("create database " + name);
          }
        }
      }
    }
  }
}

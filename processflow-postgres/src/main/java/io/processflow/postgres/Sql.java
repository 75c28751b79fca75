package io.processflow.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The few JDBC calls every statement here makes: parameters in order, rows read by a function. */
final class Sql {
  private Sql() {}

  /** Reads one row of a result. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** The rows {@code sql} selects with {@code parameters}, each read by {@code row}. */
  static <T> List<T> query(Connection connection, String sql, Row<T> row, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rows.next()) {
        out.add(row.read(rows));
      }
      return out;
    }
  }

  /** The number of rows {@code sql} changed. */
  static int update(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        Object parameter = parameters[i];
        if (parameter instanceof String[] texts) {
          parameter = connection.createArrayOf("text", texts);
        } else if (parameter instanceof Long[] numbers) {
          parameter = connection.createArrayOf("bigint", numbers);
        }
        statement.setObject(i + 1, parameter);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}

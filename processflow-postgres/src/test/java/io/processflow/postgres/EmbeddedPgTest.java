package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class EmbeddedPgTest {
  @Test
  void startsARealPostgresAndStopsIt() throws Exception {
    try (EmbeddedPg pg = EmbeddedPg.start()) {
      try (Connection c = DriverManager.getConnection(pg.newDatabase());
          ResultSet r = c.createStatement().executeQuery("SELECT version()")) {
        r.next();
        assertThat(r.getString(1)).startsWith("PostgreSQL 14.");
      }
    }
  }
}

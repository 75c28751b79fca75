package io.processflow.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL database for ProcessFlow: a HikariCP pool, and the schema brought up to date with
 * Flyway when opened (its history in {@code pf_schema_history}; several processes may open it at
 * once, Flyway serialises them with a lock).
 *
 * <p>Credentials come from the URL's {@code user}, and the password from the environment ({@value
 * #PASSWORD_ENV}, or a file named by {@value #PASSWORD_FILE_ENV}) rather than the URL, so that it
 * shows in no process list. A password in the URL is taken out of it before the pool sees it. The
 * URL in any message is {@link DbUrls#redact redacted}; no password is logged.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** The environment variable holding the database password. */
  public static final String PASSWORD_ENV = "PROCESSFLOW_DB_PASSWORD";

  /** The environment variable naming a file whose first line is the database password. */
  public static final String PASSWORD_FILE_ENV = "PROCESSFLOW_DB_PASSWORD_FILE";

  private final HikariDataSource pool;
  private final String url;

  private Database(HikariDataSource pool, String url) {
    this.pool = pool;
    this.url = url;
  }

  /** Opens {@code url} with the password from the process environment; see the class comment. */
  public static Database open(String url) {
    return open(url, System.getenv(), 8);
  }

  /**
   * Opens {@code url}, a {@code jdbc:postgresql:} URL, with at most {@code poolSize} connections
   * (two at least).
   *
   * @throws IllegalArgumentException for a URL of another database, or an unreadable password file
   * @throws IllegalStateException when the database cannot be reached or migrated, with the URL
   *     redacted
   */
  public static Database open(String url, Map<String, String> env, int poolSize) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "'"
              + DbUrls.redact(url)
              + "' is not a PostgreSQL JDBC URL; give one such as"
              + " jdbc:postgresql://host:5432/db?user=processflow");
    }
    String password = password(url, env);
    HikariConfig config = new HikariConfig();
    config.setPoolName("processflow");
    config.setJdbcUrl(DbUrls.withoutPassword(url));
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(Math.max(2, poolSize)); // Flyway's migration takes two
    config.setMinimumIdle(1);
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    Database database = new Database(pool, url);
    try {
      database.migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException(
          "cannot open the database " + DbUrls.redact(url) + ": " + database.redact(rootMessage(e)),
          null);
    }
    return database;
  }

  private static String password(String url, Map<String, String> env) {
    String inUrl = DbUrls.password(url);
    if (inUrl != null) {
      log.warn(
          "the database URL holds a password: prefer {} or {}", PASSWORD_ENV, PASSWORD_FILE_ENV);
      return inUrl;
    }
    String file = env.get(PASSWORD_FILE_ENV);
    if (file != null && !file.isBlank()) {
      try {
        String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read the database password from " + file + " (" + PASSWORD_FILE_ENV + "): " + e,
            e);
      }
    }
    return env.get(PASSWORD_ENV);
  }

  private void migrate() {
    Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/processflow")
        .table("pf_schema_history")
        .load()
        .migrate();
  }

  /** The pool. */
  public DataSource dataSource() {
    return pool;
  }

  /** A connection from the pool; close it to give it back. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /**
   * A connection of its own, outside the pool, for a session that lasts (a run's advisory lock):
   * held for a run's whole length, it would otherwise take a pooled connection from the writes.
   */
  Connection dedicatedConnection() throws SQLException {
    Properties properties = new Properties();
    if (pool.getPassword() != null) {
      properties.setProperty("password", pool.getPassword());
    }
    return DriverManager.getConnection(pool.getJdbcUrl(), properties);
  }

  /** The URL without its password, for messages. */
  public String where() {
    return DbUrls.redact(url);
  }

  /** {@code text} (an exception's message) without the URL's secrets. */
  String redact(String text) {
    return DbUrls.redact(text, url);
  }

  /** Why {@code e} happened, in one line without secrets. */
  String reason(Throwable e) {
    return redact(rootMessage(e));
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && t.getCause() != t
        && !(t instanceof FlywayException && t.getMessage() != null)) {
      t = t.getCause();
    }
    String message = firstLine(t.getMessage() == null ? t.toString() : t.getMessage());
    // Flyway's words on top ("Unable to obtain connection ... timed out") hide the driver's
    // reason below them (connection refused, unknown host, bad password): give both.
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != t && root.getMessage() != null) {
      String reason = firstLine(root.getMessage());
      if (!message.contains(reason)) {
        message = message + " (" + reason + ")";
      }
    }
    return message;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** True when {@code e} says the connection was lost (the server restarted or went away). */
  static boolean connectionLost(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    pool.close();
  }
}

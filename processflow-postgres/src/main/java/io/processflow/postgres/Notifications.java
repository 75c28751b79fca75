package io.processflow.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a PostgreSQL {@code NOTIFY} on one channel, with polling as the fallback: {@link
 * #await} returns on a notification or after the poll interval, whichever comes first, so a lost
 * notification (or a lost connection, reopened on the next wait) costs at most one interval.
 */
final class Notifications implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  /** Deciders: a try was claimed or ended. */
  static final String TASK_CHANGED = "pf_task_changed";

  /** Workers: a try was queued (payload: its queue), or cancelled. */
  static final String TASK_QUEUED = "pf_task_queued";

  private final Database database;
  private final String channel;
  private Connection connection;
  private boolean warned;

  Notifications(Database database, String channel) {
    this.database = database;
    this.channel = channel;
  }

  /** Waits up to {@code poll} for a notification; true when one came. */
  boolean await(Duration poll) throws InterruptedException {
    try {
      if (connection == null) {
        connection = database.connection();
        try (Statement listen = connection.createStatement()) {
          listen.execute("LISTEN " + channel);
        }
        warned = false;
      }
      PGNotification[] notifications =
          connection
              .unwrap(PGConnection.class)
              .getNotifications((int) Math.max(1, poll.toMillis()));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      return notifications != null && notifications.length > 0;
    } catch (SQLException e) {
      if (!warned) {
        log.warn(
            "not listening for {} ({}); polling every {} ms until the database is back",
            channel,
            database.reason(e),
            poll.toMillis());
        warned = true;
      }
      close();
      Thread.sleep(poll.toMillis());
      return false;
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      try (Statement unlisten = connection.createStatement()) {
        unlisten.execute("UNLISTEN *"); // the pool hands the connection to others
      } catch (SQLException ignored) {
        // a broken connection listens to nothing
      }
      try {
        connection.close();
      } catch (SQLException ignored) {
        // a broken connection is dropped by the pool
      }
      connection = null;
    }
  }
}

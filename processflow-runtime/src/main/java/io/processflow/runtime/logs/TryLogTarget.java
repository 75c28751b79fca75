package io.processflow.runtime.logs;

/**
 * Where one try's log is kept: a file ({@link TaskLogFiles}) or a database. Called by the run's
 * log-writing thread only, in the order the lines were given, never under the run's lock.
 */
public interface TryLogTarget {
  /** Appends {@code lines}: one or more whole lines, each ending with a line break. */
  void write(String lines);

  /** The try has ended: release what it holds. A late line (a command's last output) may follow. */
  void end();
}

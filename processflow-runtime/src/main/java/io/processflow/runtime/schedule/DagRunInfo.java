package io.processflow.runtime.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * Airflow's {@code DagRunInfo}: the next run a timetable asks for. Its logical date is the data
 * interval's start; it may start at {@code runAfter}, the interval's end.
 */
public record DagRunInfo(DataInterval dataInterval, Instant runAfter) {
  public DagRunInfo {
    Objects.requireNonNull(dataInterval, "dataInterval");
    Objects.requireNonNull(runAfter, "runAfter");
  }

  /**
   * A run for the interval {@code [start, end]}, to run after its end ({@code
   * DagRunInfo.interval}).
   */
  public static DagRunInfo interval(Instant start, Instant end) {
    return new DagRunInfo(new DataInterval(start, end), end);
  }

  /** A run with a zero-length interval at {@code at} ({@code DagRunInfo.exact}). */
  public static DagRunInfo exact(Instant at) {
    return interval(at, at);
  }

  /** The run's logical date: its data interval's start. */
  public Instant logicalDate() {
    return dataInterval.start();
  }
}

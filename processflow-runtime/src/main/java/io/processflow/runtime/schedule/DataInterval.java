package io.processflow.runtime.schedule;

import java.time.Instant;
import java.util.Objects;

/** Airflow's {@code DataInterval}: the period of data a run processes, {@code start <= end}. */
public record DataInterval(Instant start, Instant end) {
  public DataInterval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "data interval ends (" + end + ") before it starts (" + start + ")");
    }
  }

  /** A zero-length interval at {@code at}, Airflow's {@code DataInterval.exact}. */
  public static DataInterval exact(Instant at) {
    return new DataInterval(at, at);
  }
}

package io.processflow.runtime.schedule;

import io.processflow.api.internal.schedule.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upcoming runs of a schedule: those the timetable, the start date and the end date allow, with
 * logical dates strictly after a given instant, whether or not the DAG catches up (Airflow's {@code
 * dags next-execution}).
 */
public final class NextRuns {
  private NextRuns() {}

  /**
   * The next {@code count} runs of {@code spec} read by {@code timetable} whose logical dates are
   * strictly after {@code after}, in order; fewer when the end date or the timetable stops sooner.
   *
   * @param now the current time, which only {@code @once} and schedules without a start date read
   */
  public static List<DagRunInfo> after(
      Timetable timetable, ScheduleSpec spec, Instant after, int count, Instant now) {
    List<DagRunInfo> runs = new ArrayList<>(Math.min(count, 1_000));
    if (count <= 0 || !timetable.canBeScheduled()) {
      return runs;
    }
    TimeRestriction restriction =
        new TimeRestriction(from(timetable, spec, after), spec.end(), true);
    Optional<DagRunInfo> info = timetable.nextDagRunInfo(null, restriction, now);
    while (info.isPresent() && runs.size() < count) {
      DagRunInfo run = info.get();
      if (run.logicalDate().isAfter(after)) {
        runs.add(run);
      }
      info = timetable.nextDagRunInfo(run.dataInterval(), restriction, now);
    }
    return runs;
  }

  /**
   * Where to start looking: the start date when it is later than {@code after}, else {@code after}
   * itself, or for a duration schedule the last run at or before it, so that runs stay a whole
   * number of durations from the start date.
   */
  private static Instant from(Timetable timetable, ScheduleSpec spec, Instant after) {
    Instant start = spec.start();
    if (start != null && start.isAfter(after)) {
      return start;
    }
    if (timetable instanceof OnceTimetable) {
      return start;
    }
    if (start != null && timetable instanceof DeltaTriggerTimetable delta) {
      long steps = Duration.between(start, after).dividedBy(delta.delta());
      return start.plus(delta.delta().multipliedBy(steps));
    }
    return after;
  }
}

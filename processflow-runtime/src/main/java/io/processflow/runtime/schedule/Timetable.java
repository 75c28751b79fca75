package io.processflow.runtime.schedule;

import io.processflow.api.internal.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * When a DAG runs: Airflow 3's {@code Timetable}. Given the data interval of the last scheduled run
 * (null before the first), the DAG's bounds and catchup, and the current time, it says which run
 * comes next, or that none does.
 */
public interface Timetable {
  /**
   * The next scheduled run (Airflow's {@code next_dagrun_info}), or empty when the timetable has no
   * more runs within {@code restriction}.
   *
   * @param lastAutomated the data interval of the last scheduled run, or null when there is none
   * @param now the current time, which decides what "missed" means without catchup
   */
  Optional<DagRunInfo> nextDagRunInfo(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now);

  /**
   * The schedule as Airflow's {@code timetable.summary} shows it, such as {@code 0 0 * * *} or
   * {@code None}.
   */
  String summary();

  /**
   * The data interval of the run of type {@code type} with logical date {@code logicalDate}: for a
   * scheduled or backfill run the interval the timetable gave it; for a manual run Airflow's {@code
   * infer_manual_data_interval} of the logical date. A zero-length interval at the logical date
   * unless the timetable says otherwise.
   */
  default DataInterval dataInterval(RunType type, Instant logicalDate) {
    return DataInterval.exact(logicalDate);
  }

  /**
   * Whether runs recur at regular times (Airflow's {@code periodic}): false for {@code @once} and
   * no schedule, which cannot be backfilled.
   */
  default boolean periodic() {
    return canBeScheduled();
  }

  /** False for a DAG without schedule (manual runs only). */
  default boolean canBeScheduled() {
    return true;
  }

  /**
   * The timetable Airflow 3 picks for {@code spec}: none for no schedule, {@code @once}, a {@link
   * CronTriggerTimetable} for a cron or preset, a {@link DeltaTriggerTimetable} for a duration.
   */
  static Timetable of(ScheduleSpec spec) {
    return switch (spec.kind()) {
      case NONE -> NullTimetable.INSTANCE;
      case ONCE -> OnceTimetable.INSTANCE;
      case CRON -> new CronTriggerTimetable(spec.cronExpression(), spec.zone());
      case DELTA -> new DeltaTriggerTimetable(spec.delta());
    };
  }
}

package io.processflow.runtime.scheduler;

import io.processflow.api.DagRunState;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.schedule.DagRunInfo;
import io.processflow.runtime.schedule.RunIds;
import io.processflow.runtime.schedule.TimeRestriction;
import io.processflow.runtime.schedule.Timetable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backfill of a DAG does for each of its timetable's runs between two dates, by Airflow 3's
 * rules ({@code models/backfill.py}): only runs whose data interval has ended; a logical date
 * without a run gets a new {@code backfill__<run after>} run (Airflow 3's name: the logical date of
 * a cron, the end of a data interval); one with a run is left alone while it is in flight, and
 * otherwise cleared and run again, keeping its id, when the reprocess behaviour says so. A run
 * whose journal has not ended and that no process holds (a crash cut it short) is resumed rather
 * than left in flight for ever.
 */
public final class Backfill {
  /** Airflow's {@code ReprocessBehavior}: which existing runs a backfill runs again. */
  public enum Reprocess {
    /** None: existing runs are left as they are (the default). */
    NONE,
    /** Failed runs are run again. */
    FAILED,
    /** Succeeded and failed runs are run again. */
    COMPLETED
  }

  /** What the backfill does for one logical date. */
  public enum Action {
    /** A new {@code backfill__} run. */
    CREATE,
    /** The existing run is cleared and run again. */
    CLEAR,
    /** The existing run, cut short by a crash, is resumed. */
    RESUME,
    /** Nothing: the run is in flight (another process runs it). */
    SKIP_IN_FLIGHT,
    /** Nothing: the run exists and the reprocess behaviour keeps it. */
    SKIP_EXISTS
  }

  /**
   * One logical date of the backfill.
   *
   * @param info the timetable's run
   * @param runId the run's id: the existing run's, or the new {@code backfill__} one
   * @param action what the backfill does
   */
  public record Step(DagRunInfo info, String runId, Action action) {
    /** Whether the backfill starts a run for it. */
    public boolean runs() {
      return action == Action.CREATE || action == Action.CLEAR || action == Action.RESUME;
    }
  }

  private Backfill() {}

  /**
   * The backfill of {@code dag} from {@code from} to {@code to} (inclusive bounds on logical
   * dates), in the order it runs them.
   *
   * @param runs how to find the DAG's recorded runs and whether another process holds one
   * @param now the current time: only intervals that ended before it are backfilled
   * @throws IllegalArgumentException for a DAG without a periodic schedule, {@code from} after
   *     {@code to}, or dates that are all in the future, in Airflow's words
   */
  public static List<Step> plan(
      DagDefinition dag,
      JournaledRuns runs,
      Instant from,
      Instant to,
      Reprocess reprocess,
      boolean backwards,
      Instant now) {
    Timetable timetable = dag.timetable();
    if (!timetable.periodic()) {
      throw new IllegalArgumentException(
          "DAG '"
              + dag.dagId()
              + "' has a non-periodic schedule ("
              + timetable.summary()
              + ") that does not support backfills; give it a cron, a preset such as @daily, or a duration");
    }
    if (from.isAfter(to)) {
      throw new IllegalArgumentException(
          "--from-date ("
              + RunIds.isoformat(from)
              + ") must not be after --to-date ("
              + RunIds.isoformat(to)
              + ")");
    }
    if (!from.isBefore(now) && !to.isBefore(now)) {
      throw new IllegalArgumentException(
          "Backfill cannot be executed for future dates: --from-date "
              + RunIds.isoformat(from)
              + " and --to-date "
              + RunIds.isoformat(to)
              + " are both at or after now ("
              + RunIds.isoformat(now)
              + ")");
    }
    Map<Instant, RunSummary> existing = new HashMap<>();
    for (RunSummary run : runs.store().runs(dag.dagId())) {
      if (run.logicalDate() != null) {
        existing.merge(run.logicalDate(), run, Backfill::later);
      }
    }
    List<Step> steps = new ArrayList<>();
    TimeRestriction restriction = new TimeRestriction(from, to, true);
    Optional<DagRunInfo> next = timetable.nextDagRunInfo(null, restriction, now);
    while (next.isPresent()) {
      DagRunInfo info = next.get();
      if (info.dataInterval().end().isBefore(now)) {
        steps.add(step(dag, runs, info, existing.get(info.logicalDate()), reprocess));
      }
      next = timetable.nextDagRunInfo(info.dataInterval(), restriction, now);
    }
    if (backwards) {
      Collections.reverse(steps);
    }
    return steps;
  }

  private static Step step(
      DagDefinition dag, JournaledRuns runs, DagRunInfo info, RunSummary run, Reprocess reprocess) {
    if (run == null) {
      // Airflow 3 names a run after its run_after (Timetable.generate_run_id): the logical date for
      // a cron, the interval's end for cronDataIntervals(true). A run of another date holding that
      // id (one named after its logical date by ProcessFlow before 2026-12-01, or a manual
      // --run-id) is refused while planning, as Airflow's unique run id refuses it.
      String runId = RunIds.backfill(info.runAfter());
      if (runs.exists(dag.dagId(), runId)) {
        throw new IllegalArgumentException(
            "the run for "
                + RunIds.isoformat(info.logicalDate())
                + " would be "
                + runId
                + ", which a run of another logical date already is (ProcessFlow named backfill"
                + " runs after their logical date before 2026-12-01); backfill that date alone"
                + " after renaming or removing that run's journal");
      }
      return new Step(info, runId, Action.CREATE);
    }
    String runId = run.runId();
    if (runs.inFlight(dag.dagId(), runId)) {
      return new Step(info, runId, Action.SKIP_IN_FLIGHT);
    }
    if (!run.state().isTerminal()) {
      return new Step(info, runId, Action.RESUME);
    }
    boolean again =
        switch (reprocess) {
          case NONE -> false;
          case FAILED -> run.state() == DagRunState.FAILED;
          case COMPLETED -> true;
        };
    return new Step(info, runId, again ? Action.CLEAR : Action.SKIP_EXISTS);
  }

  /** Of two runs at one logical date, the one started last (Airflow's latest row). */
  private static RunSummary later(RunSummary a, RunSummary b) {
    if (a.start() == null) {
      return b;
    }
    return b.start() != null && b.start().isAfter(a.start()) ? b : a;
  }
}

package io.processflow.runtime.scheduler;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.schedule.DagRunInfo;
import io.processflow.runtime.schedule.RunType;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** One DAG's scheduling state: its last automated run, its next run, its runs going. */
final class DagSchedule {
  final DagDefinition dag;
  final int order;
  final int maxActiveRuns;

  /** Logical dates that have a run (manual ones, backfills), known or learnt since. */
  final TreeSet<Instant> taken = new TreeSet<>();

  DagRunInfo lastAutomated;
  DagRunInfo next;

  /** Not looked at before then: another scheduler has the DAG's turn, or its runs fill it. */
  Instant notBefore;

  boolean queued;
  int active;

  DagSchedule(DagDefinition dag, int order) {
    this.dag = dag;
    this.order = order;
    this.maxActiveRuns = dag.schedule().maxActiveRuns();
  }

  /** When the DAG is looked at next: its next run's {@code run_after}, unless deferred. */
  Instant due() {
    Instant runAfter = next.runAfter();
    return notBefore != null && notBefore.isAfter(runAfter) ? notBefore : runAfter;
  }

  /**
   * Learns from runs recorded by others since (a manual run, a backfill ahead of this scheduler),
   * as Airflow's scheduler reads its database at each decision; true when the last automated run
   * moved, so that the next run must be decided again (it is cleared).
   */
  boolean learn(List<RunSummary> runs) {
    DagRunInfo before = lastAutomated;
    runs.forEach(this::recall);
    if (lastAutomated == before) {
      return false;
    }
    next = null;
    return true;
  }

  /** Learns from a recorded run: the last automated run, and a logical date taken. */
  void recall(RunSummary run) {
    Instant logicalDate = run.logicalDate();
    if (logicalDate == null) {
      return;
    }
    taken.add(logicalDate);
    if (run.runType() != RunType.MANUAL
        && (lastAutomated == null || logicalDate.isAfter(lastAutomated.logicalDate()))) {
      lastAutomated =
          new DagRunInfo(dag.timetable().dataInterval(run.runType(), logicalDate), logicalDate);
    }
  }
}

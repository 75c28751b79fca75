package io.processflow.benchmarks;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.scheduler.ManualClock;
import io.processflow.runtime.scheduler.RunStarter;
import io.processflow.runtime.scheduler.Scheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduler's own cost per decision (a run started or passed over): N scheduled DAGs over a
 * simulated year on a manual clock that jumps from one due run to the next, with a starter that
 * records run ids and runs nothing, so what is timed is the scheduler: its queue, the timetables,
 * the bookkeeping of active runs. The schedules mix hourly, six-hourly, daily, weekday and
 * 90-minute duration schedules in UTC, Amsterdam and New York (DST included), all with catchup.
 * Printed for 250, 500 and 1,000 DAGs: the decisions, the time, ns per decision (flat when the cost
 * grows linearly with the work) and the time per simulated day.
 *
 * <p>Usage: {@code java -cp processflow-benchmarks/target/processflow-benchmarks.jar
 * io.processflow.benchmarks.SchedulerBench [--quick]} (quick: a simulated month, one round).
 */
public final class SchedulerBench {
  private static final String[] SCHEDULES = {
    "@hourly", "0 */6 * * *", "@daily", "30 2 * * 1-5", "PT90M"
  };
  private static final String[] ZONES = {"UTC", "Europe/Amsterdam", "America/New_York"};
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  private SchedulerBench() {}

  public static void main(String[] args) {
    boolean quick = List.of(args).contains("--quick");
    int days = quick ? 31 : 366;
    System.out.printf(
        Locale.ROOT,
        "Scheduler decisions: a simulated %d days, JDK %s%n%n",
        days,
        System.getProperty("java.version"));
    measure(100, days); // warm-up
    System.out.printf(
        Locale.ROOT,
        "%8s %12s %10s %14s %14s%n",
        "DAGs",
        "decisions",
        "ms",
        "ns/decision",
        "us/sim. day");
    for (int dags : new int[] {250, 500, 1_000}) {
      long[] result = measure(dags, days);
      System.out.printf(
          Locale.ROOT,
          "%,8d %,12d %,10.1f %,14.0f %,14.1f%n",
          dags,
          result[0],
          result[1] / 1e6,
          (double) result[1] / result[0],
          result[1] / 1e3 / days);
    }
  }

  /**
   * Decisions made and nanoseconds taken by a scheduler of {@code count} DAGs over {@code days}.
   */
  private static long[] measure(int count, int days) {
    List<DagDefinition> dags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DagBuilder dag =
          DagBuilder.dag("dag_" + i)
              .schedule(SCHEDULES[i % SCHEDULES.length])
              .timezone(ZONES[(i / SCHEDULES.length) % ZONES.length])
              .startDate("2024-01-01")
              .catchup(true);
      dag.task("t", ctx -> null);
      dags.add(dag.build());
    }
    ManualClock clock = new ManualClock(START);
    Scheduler scheduler = new Scheduler(dags, new NoRuns(), clock, new Scheduler.Listener() {});
    Instant end = START.plusSeconds(86_400L * days);
    long began = System.nanoTime();
    scheduler.start();
    for (Instant due = scheduler.nextDue();
        due != null && !due.isAfter(end);
        due = scheduler.nextDue()) {
      clock.set(due);
      scheduler.tick();
    }
    long took = System.nanoTime() - began;
    return new long[] {scheduler.decisions(), took};
  }

  /**
   * Runs nothing: each run has ended as soon as it starts, and no other run exists (the journaled
   * starter answers {@code exists} with one {@code stat} of a journal file).
   */
  private static final class NoRuns implements RunStarter {
    @Override
    public List<RunSummary> recorded(String dagId) {
      return List.of();
    }

    @Override
    public boolean exists(String dagId, String runId) {
      return false;
    }

    @Override
    public boolean inFlight(String dagId, String runId) {
      return false;
    }

    @Override
    public CompletableFuture<RunResult> start(
        DagDefinition dag, String runId, Instant logicalDate) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<RunResult> resume(DagDefinition dag, String runId) {
      return CompletableFuture.completedFuture(null);
    }
  }
}

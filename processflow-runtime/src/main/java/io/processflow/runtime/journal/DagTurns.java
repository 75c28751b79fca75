package io.processflow.runtime.journal;

import java.time.Instant;
import java.util.List;

/**
 * How schedulers sharing one {@link RunStore} (a database) take turns at a DAG, as Airflow 3's HA
 * schedulers do with {@code SELECT … FOR UPDATE SKIP LOCKED} on the DAG's row: the scheduler that
 * holds a DAG's turn reads the runs every scheduler made of it and creates its next run, while the
 * others pass over the DAG for the moment. A run's own lock ({@link RunStore#lock}) still decides
 * who decides the run.
 */
public interface DagTurns {
  /**
   * Takes DAG {@code dagId}'s turn, or returns null at once when another scheduler holds it (it is
   * creating the DAG's next run: look again later). Close the turn to give it back.
   *
   * @throws IllegalStateException when the store cannot be reached
   */
  Turn take(String dagId);

  /**
   * The ids of the DAG's scheduled runs that have not ended and whose lock no process holds: their
   * decider died (or has just ended them), so a scheduler may resume them.
   *
   * @throws IllegalStateException when the store cannot be reached
   */
  List<String> orphanedRuns(String dagId);

  /**
   * One DAG's turn: what its holder reads of the DAG, every scheduler's runs included.
   *
   * @throws IllegalStateException from each method when the store cannot be reached
   */
  interface Turn extends AutoCloseable {
    /** The latest logical date among the DAG's scheduled and backfill runs, or null. */
    Instant latestAutomated();

    /** Whether the DAG has a run (of any type) at {@code logicalDate}. */
    boolean taken(Instant logicalDate);

    /** How many of the DAG's scheduled runs have not ended. */
    int activeRuns();

    /** Gives the turn back. */
    @Override
    void close();
  }
}

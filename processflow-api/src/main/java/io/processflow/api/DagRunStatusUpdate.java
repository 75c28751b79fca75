package io.processflow.api;

import io.processflow.api.store.Action;
import java.time.Instant;
import java.util.Objects;

/**
 * The run changed state: it started ({@link DagRunState#RUNNING}) or ended.
 *
 * @param runId the run
 * @param dagId its DAG
 * @param timestamp when it happened
 * @param state the run's new state
 */
public record DagRunStatusUpdate(String runId, String dagId, Instant timestamp, DagRunState state)
    implements Action {

  /** The action type. */
  public static final String TYPE = "dag_run_status_update";

  public DagRunStatusUpdate {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(dagId, "dagId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(state, "state");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

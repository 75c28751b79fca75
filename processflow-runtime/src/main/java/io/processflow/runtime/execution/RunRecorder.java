package io.processflow.runtime.execution;

import io.processflow.api.RunState;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagDefinition;
import java.time.Instant;
import java.util.Map;

/**
 * Records a run as it goes, such as the run journal ({@code io.processflow.runtime.journal}). The
 * runner opens a recording once the run's id and logical date are decided, installs it as the
 * innermost middleware of the run's store (so it sees exactly the actions the reducer sees) and
 * closes it when the run has ended.
 */
@FunctionalInterface
public interface RunRecorder {
  /**
   * Opens the recording of one run.
   *
   * @param resumedFrom the plan the run resumes, or {@code null} for a new run
   */
  Recording open(
      DagDefinition dag,
      String runId,
      Instant logicalDate,
      Map<String, Object> params,
      ResumePlan resumedFrom);

  /** The middleware recording one run. */
  interface Recording extends Middleware<RunState>, AutoCloseable {
    @Override
    void close();

    /** Where the run's tries keep their own logs; none by default. */
    default TryLogs tryLogs() {
      return TryLogs.NONE;
    }
  }
}

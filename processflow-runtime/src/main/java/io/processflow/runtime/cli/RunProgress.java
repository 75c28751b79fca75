package io.processflow.runtime.cli;

import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Dispatcher;
import io.processflow.api.store.Middleware;
import io.processflow.api.store.MiddlewareApi;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.execution.ErrorOrigin;
import io.processflow.runtime.internal.dag.DagIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Follows a run through its store's actions, for the command line's progress: how many tasks are in
 * each state, and a line for every retry and failure as it happens ({@code task_3 failed on try 1
 * of 3: IOException: disk full; retrying in 30s}), written by the CLI itself so that it shows
 * without any logging backend.
 *
 * <p>A middleware: it sees each action after the reducer accepted it, on the dispatching thread
 * (the store serialises dispatches); {@link #snapshot()} may be called from any thread. The counts
 * start from the store's state at the run's first action, so a resumed run counts the tasks it
 * kept.
 */
final class RunProgress implements Middleware<RunState> {
  /** After this many retry and failure lines, the rest is left to the summary. */
  static final int EVENT_LINES = 50;

  private final DagDefinition dag;
  private final Consumer<String> events;
  private final TaskState[] states;

  /** Per task, the tries it had made before this run (a resumed run's retries count from there). */
  private final int[] triesBefore;

  private final int[] counts = new int[TaskState.values().length];
  private boolean initialised;

  /** The run's logical date, on which Airflow's retry delay depends (see {@link #logicalDate}). */
  private volatile Instant logicalDate;

  private int eventLines;

  /**
   * @param events receives each retry and failure line, on the dispatching thread
   */
  RunProgress(DagDefinition dag, Consumer<String> events) {
    this.dag = dag;
    this.events = events;
    this.states = new TaskState[dag.taskCount()];
    this.triesBefore = new int[dag.taskCount()];
  }

  /** The logical date of the run this reports, set before it starts: its retry lines need it. */
  void logicalDate(Instant logicalDate) {
    this.logicalDate = logicalDate;
  }

  /** Counts of one moment: every task of the DAG is in exactly one state. */
  record Snapshot(int total, int done, int running, int failed, int upstreamFailed, int retrying) {
    /** {@code 120/206 done, 4 running, 1 failed, 0:06 elapsed}. */
    String line(Duration elapsed) {
      StringBuilder line = new StringBuilder();
      line.append(done)
          .append('/')
          .append(total)
          .append(" done, ")
          .append(running)
          .append(" running");
      if (retrying > 0) {
        line.append(", ").append(retrying).append(" up for retry");
      }
      line.append(", ").append(failed).append(" failed");
      if (upstreamFailed > 0) {
        line.append(", ").append(upstreamFailed).append(" upstream_failed");
      }
      long seconds = elapsed.toSeconds();
      line.append(", ");
      if (seconds >= 3600) {
        line.append(seconds / 3600).append(':').append(String.format("%02d", seconds / 60 % 60));
      } else {
        line.append(seconds / 60);
      }
      line.append(':').append(String.format("%02d", seconds % 60)).append(" elapsed");
      return line.toString();
    }
  }

  synchronized Snapshot snapshot() {
    int total = states.length;
    if (!initialised) {
      return new Snapshot(total, 0, 0, 0, 0, 0);
    }
    int done =
        counts[TaskState.SUCCESS.ordinal()]
            + counts[TaskState.FAILED.ordinal()]
            + counts[TaskState.SKIPPED.ordinal()]
            + counts[TaskState.UPSTREAM_FAILED.ordinal()];
    return new Snapshot(
        total,
        done,
        counts[TaskState.RUNNING.ordinal()],
        counts[TaskState.FAILED.ordinal()],
        counts[TaskState.UPSTREAM_FAILED.ordinal()],
        counts[TaskState.UP_FOR_RETRY.ordinal()]);
  }

  @Override
  public Function<Dispatcher, Dispatcher> apply(MiddlewareApi<RunState> store) {
    return next ->
        action -> {
          // Middleware runs outside the store's lock: two first dispatches may both get here, and
          // only one initialises (the check again under the monitor, which observe takes too).
          if (!initialised) {
            RunState state = store.getState(); // outside this monitor: it may take the store's
            synchronized (this) {
              if (!initialised) {
                initialise(state);
              }
            }
          }
          Action result = next.dispatch(action);
          if (action instanceof TaskStatusUpdate update) {
            observe(update);
          }
          return result;
        };
  }

  private void initialise(RunState state) {
    List<TaskInstance> tasks = state.tasks();
    for (int i = 0; i < states.length; i++) {
      TaskInstance task = i < tasks.size() ? tasks.get(i) : null;
      states[i] = task == null ? TaskState.NONE : task.state();
      triesBefore[i] = task == null ? 0 : task.tryNumber();
      counts[states[i].ordinal()]++;
    }
    initialised = true;
  }

  private void observe(TaskStatusUpdate update) {
    Integer index = DagIndex.of(dag).taskIndex().get(update.taskId());
    if (index == null) {
      return; // a removed task: not the DAG's any more
    }
    int i = index;
    String line;
    synchronized (this) {
      counts[states[i].ordinal()]--;
      states[i] = update.state();
      counts[update.state().ordinal()]++;
      line = event(i, update);
      if (line == null || eventLines > EVENT_LINES) {
        return;
      }
      if (++eventLines > EVENT_LINES) {
        line = "(more retries and failures: see the summary)";
      }
    }
    events.accept(line);
  }

  /** The line for a retry or a failure, else null. */
  private String event(int i, TaskStatusUpdate update) {
    if (update.state() != TaskState.UP_FOR_RETRY && update.state() != TaskState.FAILED) {
      return null;
    }
    TaskDefinition task = dag.tasks().get(i);
    int of = triesBefore[i] + task.retries() + 1;
    String error = update.error() == null ? "" : ": " + ErrorOrigin.shortError(update.error());
    if (update.state() == TaskState.UP_FOR_RETRY) {
      return update.taskId()
          + " failed on try "
          + update.tryNumber()
          + " of "
          + of
          + error
          + "; retrying in "
          + human(task.retryDelayAfter(dag.dagId(), logicalDate, update.tryNumber()));
    }
    return task.retries() == 0
        ? update.taskId() + " failed" + error
        : update.taskId() + " failed on try " + update.tryNumber() + " of " + of + error;
  }

  /** {@code 30s}, {@code 5m}, {@code 1m30s}, {@code 250ms}. */
  static String human(Duration duration) {
    if (duration.toMillis() < 1000) {
      return duration.toMillis() + "ms";
    }
    long s = duration.toSeconds();
    StringBuilder text = new StringBuilder();
    if (s >= 3600) {
      text.append(s / 3600).append('h');
    }
    if (s % 3600 >= 60) {
      text.append(s % 3600 / 60).append('m');
    }
    if (s % 60 > 0 || text.length() == 0) {
      text.append(s % 60).append('s');
    }
    return text.toString();
  }
}

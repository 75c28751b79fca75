package io.processflow.ui;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a run's documents (a journal's lines, or the same documents from a database) into a {@link
 * RunModel}: the tasks as the DAG declares them now (when it is on the classpath) followed by any
 * other recorded task, and one try per {@code running} transition, ended by the next transition of
 * the same try.
 */
final class RunReading {
  private RunReading() {}

  /** Reads the journal {@code journal}; see {@link #read(byte[], String, DagDefinition)}. */
  static RunModel read(Path journal, DagDefinition dag) {
    try {
      return read(Files.readAllBytes(journal), journal.getFileName().toString(), dag);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the journal " + journal + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code documents}, named {@code name} in messages; {@code dag} gives the graph's edges,
   * or is {@code null} for none.
   */
  static RunModel read(byte[] documents, String name, DagDefinition dag) {
    Map<String, TaskBuilder> tasks = new LinkedHashMap<>();
    if (dag != null) {
      for (String taskId : dag.taskIds()) {
        tasks.put(taskId, new TaskBuilder(taskId));
      }
    }
    Run run = new Run(tasks);
    JournalScan.scan(documents, name, run);
    if (run.runId == null) {
      throw new IllegalStateException("the run " + name + " has no header that can be read");
    }
    List<RunModel.TaskRow> rows = new ArrayList<>(tasks.size());
    for (TaskBuilder task : tasks.values()) {
      rows.add(task.build());
    }
    int[][] upstream = upstream(rows, dag);
    return new RunModel(
        run.dagId,
        run.runId,
        run.logicalDate,
        run.params,
        run.state,
        run.start,
        run.end,
        rows,
        Layers.of(upstream),
        upstream,
        run.warnings,
        run.noTaskLogs);
  }

  private static final class Run implements JournalScan.Visitor {
    final Map<String, TaskBuilder> tasks;
    String dagId;
    String runId;
    Instant logicalDate;
    Map<String, Object> params = Map.of();
    DagRunState state = DagRunState.QUEUED;
    Instant start;
    Instant end;
    boolean noTaskLogs;
    final List<String> warnings = new ArrayList<>();

    Run(Map<String, TaskBuilder> tasks) {
      this.tasks = tasks;
    }

    @Override
    public void header(
        String dagId,
        String runId,
        Instant logicalDate,
        Map<String, Object> params,
        List<String> taskIds,
        boolean noTaskLogs) {
      this.noTaskLogs |= noTaskLogs;
      if (this.runId == null) {
        this.dagId = dagId;
        this.runId = runId;
        this.logicalDate = logicalDate;
        this.params = params;
      } else {
        // A resume has opened a segment: the run is queued again until it records running, so a
        // page read in between follows it instead of showing its previous end.
        state = DagRunState.QUEUED;
        end = null;
      }
      for (String taskId : taskIds) {
        tasks.computeIfAbsent(taskId, TaskBuilder::new);
      }
    }

    @Override
    public void run(DagRunState state, Instant timestamp) {
      this.state = state;
      if (start == null && state == DagRunState.RUNNING) {
        start = timestamp;
      }
      end = state.isTerminal() ? timestamp : null;
    }

    @Override
    public void task(
        String taskId, TaskState state, int tryNumber, Instant timestamp, TaskError error) {
      tasks.computeIfAbsent(taskId, TaskBuilder::new).add(state, tryNumber, timestamp, error);
    }

    @Override
    public void warning(String warning) {
      if (warnings.size() < 20) {
        warnings.add(warning);
      }
    }
  }

  /** Each row's upstream rows, from {@code dag}'s edges; none for tasks the DAG does not have. */
  private static int[][] upstream(List<RunModel.TaskRow> rows, DagDefinition dag) {
    int[][] upstream = new int[rows.size()][];
    Arrays.fill(upstream, new int[0]);
    if (dag == null) {
      return upstream;
    }
    // The rows start with the DAG's tasks in its order, so a task's place in the DAG is its row.
    List<String> ids = dag.taskIds();
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      row.put(ids.get(i), i);
    }
    for (int i = 0; i < ids.size(); i++) {
      upstream[i] = dag.upstreamIds(ids.get(i)).stream().mapToInt(row::get).toArray();
    }
    return upstream;
  }

  private static final class TaskBuilder {
    final String taskId;
    TaskState state = TaskState.NONE;
    final List<RunModel.Try> tries = new ArrayList<>();

    /** Tries that have started and not ended, by number. */
    final Map<Integer, Integer> open = new HashMap<>();

    TaskBuilder(String taskId) {
      this.taskId = taskId;
    }

    void add(TaskState next, int number, Instant timestamp, TaskError error) {
      state = next;
      Integer at = open.remove(number);
      if (next == TaskState.RUNNING) {
        if (at == null) {
          open.put(number, tries.size());
          tries.add(new RunModel.Try(number, TaskState.RUNNING, timestamp, null, null));
        } else {
          open.put(number, at);
        }
      } else if (at != null) {
        RunModel.Try started = tries.get(at);
        tries.set(at, new RunModel.Try(number, next, started.start(), timestamp, error));
      } else if (error != null || next == TaskState.FAILED) {
        // Failed before it ran (a template that did not render): a try of no length.
        tries.add(new RunModel.Try(number, next, timestamp, timestamp, error));
      }
    }

    RunModel.TaskRow build() {
      return new RunModel.TaskRow(taskId, state, List.copyOf(tries));
    }
  }
}

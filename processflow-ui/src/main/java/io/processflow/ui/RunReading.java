package io.processflow.ui;

import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.journal.JournalHeader;
import io.processflow.runtime.journal.JournalReader;
import io.processflow.runtime.journal.RecordedRun;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a run's journal into a {@link RunModel}: the tasks as the DAG declares them now (when it is
 * on the classpath) followed by any other recorded task, and one try per {@code running} transition,
 * ended by the next transition of the same try.
 */
final class RunReading {
  private RunReading() {}

  /** Reads {@code journal}; {@code dag} gives the graph's edges, or is {@code null} for none. */
  static RunModel read(Path journal, DagDefinition dag) {
    RecordedRun run = JournalReader.read(journal);
    JournalHeader first = run.first();
    Map<String, TaskBuilder> tasks = new LinkedHashMap<>();
    if (dag != null) {
      for (String taskId : dag.taskIds()) {
        tasks.put(taskId, new TaskBuilder(taskId));
      }
    }
    for (JournalHeader header : run.headers()) {
      for (String taskId : header.tasks()) {
        tasks.computeIfAbsent(taskId, TaskBuilder::new);
      }
    }
    DagRunState state = DagRunState.QUEUED;
    Instant start = null;
    Instant end = null;
    for (Action action : run.actions()) {
      if (action instanceof TaskStatusUpdate update) {
        tasks.computeIfAbsent(update.taskId(), TaskBuilder::new).add(update);
      } else if (action instanceof DagRunStatusUpdate update) {
        state = update.state();
        if (start == null && state == DagRunState.RUNNING) {
          start = update.timestamp();
        }
        end = state.isTerminal() ? update.timestamp() : null;
      }
    }
    List<RunModel.TaskRow> rows = new ArrayList<>(tasks.size());
    for (TaskBuilder task : tasks.values()) {
      rows.add(task.build());
    }
    int[][] upstream = upstream(rows, dag);
    return new RunModel(
        first.dagId(), first.runId(), first.logicalDate(), first.params(), state, start, end, rows,
        Layers.of(upstream), upstream, run.warnings());
  }

  /** Each row's upstream rows, from {@code dag}'s edges; none for tasks the DAG does not have. */
  private static int[][] upstream(List<RunModel.TaskRow> rows, DagDefinition dag) {
    int[][] upstream = new int[rows.size()][];
    Arrays.fill(upstream, new int[0]);
    if (dag == null) {
      return upstream;
    }
    // The rows start with the DAG's tasks in its order, so a DAG index is a row index.
    for (int i = 0, n = dag.taskCount(); i < n; i++) {
      upstream[i] = dag.upstreamOf(i).clone();
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

    void add(TaskStatusUpdate update) {
      state = update.state();
      int number = update.tryNumber();
      Integer at = open.remove(number);
      if (update.state() == TaskState.RUNNING) {
        if (at == null) {
          open.put(number, tries.size());
          tries.add(new RunModel.Try(number, TaskState.RUNNING, update.timestamp(), null, null));
        } else {
          open.put(number, at);
        }
      } else if (at != null) {
        RunModel.Try started = tries.get(at);
        tries.set(at, new RunModel.Try(number, update.state(), started.start(), update.timestamp(), update.error()));
      } else if (update.error() != null || update.state() == TaskState.FAILED) {
        // Failed before it ran (a template that did not render): a try of no length.
        tries.add(new RunModel.Try(number, update.state(), update.timestamp(), update.timestamp(), update.error()));
      }
    }

    RunModel.TaskRow build() {
      return new RunModel.TaskRow(taskId, state, List.copyOf(tries));
    }
  }
}

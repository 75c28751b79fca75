package io.processflow.runtime.journal;

import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.internal.graph.Suggestions;
import io.processflow.api.store.Action;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.ResumePlan;
import io.processflow.runtime.internal.dag.DagIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the resume of a recorded run with the DAG as it is now. As Airflow does for a DAG that
 * changed under a run: a task the DAG has gained runs; a recorded task the DAG no longer has is
 * reported and marked {@code removed}. Clearing a task (Airflow's {@code tasks clear}) runs it and
 * every task downstream of it again.
 */
public final class Resumes {
  private static final Logger log = LoggerFactory.getLogger(Resumes.class);

  private Resumes() {}

  /**
   * The plan to resume {@code run} with {@code dag}, running {@code clear} and their downstream
   * tasks again.
   *
   * @throws IllegalArgumentException when a task to clear is not in the DAG
   * @throws JournalException when the journal was recorded by another DAG, or a kept task's output
   *     was journaled as another type than the one the task declares now
   */
  public static ResumePlan plan(DagDefinition dag, RecordedRun run, Collection<String> clear) {
    DagIndex byIndex = DagIndex.of(dag);
    if (!run.first().dagId().equals(dag.dagId())) {
      throw new JournalException(
          run.file(),
          1,
          "the journal records a run of DAG '"
              + run.first().dagId()
              + "', not of '"
              + dag.dagId()
              + "'",
          null);
    }
    Set<String> rerun = new LinkedHashSet<>();
    for (String taskId : clear) {
      if (!dag.hasTask(taskId)) {
        throw new IllegalArgumentException(
            "Unknown task '"
                + taskId
                + "' to clear"
                + Suggestions.didYouMean(taskId, dag.taskIds())
                + "; DAG '"
                + dag.dagId()
                + "' has the tasks "
                + dag.taskIds());
      }
      addWithDownstream(dag, byIndex.indexOf(taskId), rerun);
    }
    for (RecordedRun.OutputTypeChange change : run.outputTypeChanges()) {
      if (dag.hasTask(change.taskId()) && !rerun.contains(change.taskId())) {
        throw new JournalException(
            run.file(),
            change.line(),
            "the output of task '"
                + change.taskId()
                + "' was journaled as "
                + change.journaled()
                + ", but the task now declares "
                + change.declared()
                + ", so the resume cannot give it"
                + " back; clear the task (--clear "
                + change.taskId()
                + ") so that it runs again",
            null);
      }
    }
    Set<String> recorded = new LinkedHashSet<>();
    for (JournalHeader header : run.headers()) {
      recorded.addAll(header.tasks());
    }
    for (Action action : run.actions()) {
      if (action instanceof TaskStatusUpdate update) {
        recorded.add(update.taskId());
      }
    }
    List<String> removed = new ArrayList<>();
    for (String taskId : recorded) {
      if (!dag.hasTask(taskId)) {
        removed.add(taskId);
      }
    }
    List<String> added = new ArrayList<>();
    for (String taskId : dag.taskIds()) {
      if (!recorded.contains(taskId)) {
        added.add(taskId);
      }
    }
    if (!removed.isEmpty()) {
      log.warn(
          "DAG {} no longer has task(s) {} of run {}: they are marked removed",
          dag.dagId(),
          removed,
          run.first().runId());
    }
    if (!added.isEmpty()) {
      log.warn(
          "DAG {} has new task(s) {} since run {} was recorded: they run",
          dag.dagId(),
          added,
          run.first().runId());
    }
    if (!rerun.isEmpty()) {
      log.info("clearing {} so that they run again", rerun);
    }
    return new ResumePlan(run.actions(), removed, rerun);
  }

  private static void addWithDownstream(DagDefinition dag, int root, Set<String> into) {
    DagIndex byIndex = DagIndex.of(dag);
    List<Integer> stack = new ArrayList<>(List.of(root));
    while (!stack.isEmpty()) {
      int i = stack.remove(stack.size() - 1);
      if (into.add(dag.taskIds().get(i))) {
        for (int k = 0, m = byIndex.downstreamCount(i); k < m; k++) {
          stack.add(byIndex.downstream(i, k));
        }
      }
    }
  }
}

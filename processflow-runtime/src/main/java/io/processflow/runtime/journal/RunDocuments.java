package io.processflow.runtime.journal;

import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Dispatcher;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.dsl.TaskKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A run's log as JSON documents, the journal's lines without the file: a store other than the runs
 * directory (the database mode) keeps the same documents and reads them back with the same rules,
 * so a resume, {@code list-runs} and the reducer work the same against either.
 */
public final class RunDocuments {
  private final Set<String> notResumable = new HashSet<>();

  /** The branches and short circuits, whose output is their decision. */
  private final Set<String> decisions = new HashSet<>();

  private final OutputTypes outputTypes;

  private RunDocuments(DagDefinition dag) {
    this.outputTypes = OutputTypes.of(dag);
    for (TaskDefinition task : dag.tasks()) {
      if (!task.resumable()) {
        notResumable.add(task.taskId());
      }
      if (task.kind() != TaskKind.TASK) {
        decisions.add(task.taskId());
      }
    }
  }

  /** The documents of runs of {@code dag}: task outputs written as the types its tasks declare. */
  public static RunDocuments of(DagDefinition dag) {
    return new RunDocuments(dag);
  }

  /** The header document that opens a run's log and each resume of it. */
  public static String header(JournalHeader header) {
    return JournalLines.header(header);
  }

  /**
   * {@code action} as one document, its task output as the declared type (left out for a task that
   * is not resumable).
   *
   * @throws io.processflow.runtime.execution.OutputRejectedException when the output would not read
   *     back equal, which fails the task that returned it
   */
  public String action(Action action) {
    return JournalLines.action(action, outputType(action));
  }

  /**
   * {@code action} as the document a worker hands the process that decides the run: as {@link
   * #action}, except that a branch's or short circuit's output is kept even when the task is not
   * resumable, since the decision needs it (written as declared: one that cannot be is rejected,
   * which fails the task, where leaving it out made a short circuit skip everything downstream).
   *
   * @throws io.processflow.runtime.execution.OutputRejectedException as {@link #action}
   */
  public String transfer(Action action) {
    if (action instanceof TaskStatusUpdate update && decisions.contains(update.taskId())) {
      return JournalLines.action(action, declaredType(update.taskId()));
    }
    return action(action);
  }

  /**
   * The recording middleware's dispatch: each action's document goes to {@code append} once the
   * reducer took it and before the dispatch returns. Reducing and appending under one monitor keeps
   * the log in the order the reducer sees, also for a DAG's own actions dispatched from task
   * threads outside the engine's lock; an action the reducer rejected is never appended (it would
   * fail every replay).
   */
  public Function<Dispatcher, Dispatcher> appending(
      Object monitor, BiConsumer<String, Action> append) {
    return next ->
        action -> {
          String document = action(action);
          synchronized (monitor) {
            Action result = next.dispatch(action);
            append.accept(document, action);
            return result;
          }
        };
  }

  /** The type the output of {@code action} is written as, or null to leave it out. */
  OutputTypes.Declared outputType(Action action) {
    if (!(action instanceof TaskStatusUpdate update) || notResumable.contains(update.taskId())) {
      return null;
    }
    return declaredType(update.taskId());
  }

  /** The type task {@code taskId}'s output is written as: as its task declares, else untyped. */
  private OutputTypes.Declared declaredType(String taskId) {
    OutputTypes.Declared declared = outputTypes.of(taskId);
    return declared != null ? declared : OutputTypes.untyped();
  }

  /**
   * Reads one action document written by {@link #action}, its task output as the DAG declares.
   *
   * @throws IllegalArgumentException when it is not an action document of this DAG's types
   */
  public Action readAction(String document) {
    Object entry;
    try {
      entry = JournalLines.read(document, outputTypes);
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "unreadable action document: " + JournalLines.rootMessage(e), e);
    }
    if (!(entry instanceof Action action)) {
      throw new IllegalArgumentException(
          "not an action document of the run's current task types: " + document);
    }
    return action;
  }

  /**
   * Reads a run's documents in order, as a journal of those lines would be read: task outputs as
   * {@code dag} declares them, errors naming {@code source} and the document's number from 1.
   *
   * @throws JournalException when a document cannot be read, or the first is not a header
   */
  public static RecordedRun read(Path source, List<String> documents, DagDefinition dag) {
    StringBuilder text = new StringBuilder();
    for (String document : documents) {
      text.append(document).append('\n');
    }
    return JournalReader.read(
        source, text.toString().getBytes(StandardCharsets.UTF_8), OutputTypes.of(dag));
  }
}

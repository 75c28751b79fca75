package io.processflow.postgres;

import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.RunState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Dispatcher;
import io.processflow.api.store.Middleware;
import io.processflow.api.store.MiddlewareApi;
import io.processflow.api.store.Store;
import io.processflow.runtime.journal.RunDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The actions a task body dispatches itself to its run's store, carried from its worker to the
 * deciding process: on the worker, a middleware of the try's one-task run keeps each action the
 * reducer took (not the engine's transitions) as its log document, in order; the worker stores them
 * with the try's outcome ({@code pf_task.actions}, one document a line); the deciding process
 * dispatches them into the run's store before it reports the outcome, so the run's log records them
 * where a local run would, before the task's success or failure.
 *
 * <p>They reach the deciding process's reducer as a resume's do: read back from their documents (a
 * DAG's own action as a {@link io.processflow.api.store.SimpleAction} of its type and fields).
 */
final class DispatchedActions implements Middleware<RunState> {
  private final RunDocuments documents;
  private final List<String> kept = new ArrayList<>();

  DispatchedActions(RunDocuments documents) {
    this.documents = documents;
  }

  @Override
  public Function<Dispatcher, Dispatcher> apply(MiddlewareApi<RunState> store) {
    return next ->
        action -> {
          if (action instanceof TaskStatusUpdate || action instanceof DagRunStatusUpdate) {
            return next.dispatch(action);
          }
          String document = documents.action(action);
          synchronized (kept) { // the order the reducer took them in, from any thread of the body
            Action result = next.dispatch(action);
            kept.add(document);
            return result;
          }
        };
  }

  /** The documents kept so far, one a line, or null when the body dispatched nothing. */
  String text() {
    synchronized (kept) {
      return kept.isEmpty() ? null : String.join("\n", kept);
    }
  }

  /**
   * Dispatches the actions of {@code text} (from {@link #text()}) into {@code store}, in order.
   *
   * @throws IllegalArgumentException when a document is not an action of the DAG's types
   */
  static void dispatch(String text, RunDocuments documents, Store<RunState> store) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String document : text.split("\n")) {
      store.dispatch(documents.readAction(document));
    }
  }
}

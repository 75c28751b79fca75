package io.processflow.api;

import io.processflow.api.store.Reducer;

/**
 * Implemented by a {@link Dag} class that passes its own reducer to each run's store, as the
 * original's DAGs pass theirs to {@code create_store}. The reducer sees every action of the run
 * (the runtime's {@link TaskStatusUpdate}s included) and manages {@link RunState#appState()}.
 *
 * @param <S> the type of the DAG's own state
 */
public interface StatefulDag<S> {
  /** The DAG's reducer. */
  Reducer<S> reducer();

  /** The state the reducer starts from in every run. */
  S initialState();
}

package io.processflow.postgres;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fresh database of an embedded server with its run store, workers and deciding runners, closed
 * in the reverse order they were made.
 */
final class DbFixture implements AutoCloseable {
  static final Duration POLL = Duration.ofMillis(200);

  final String url;
  final Database database;
  final DbRunStore store;
  private final List<AutoCloseable> closing = new ArrayList<>();

  /** A new database on {@code server}; {@code urlSuffix} is appended to its URL. */
  DbFixture(EmbeddedPg server, String urlSuffix) {
    url = server.newDatabase() + urlSuffix;
    database = Database.open(url, Map.of(), 16);
    store = DbRunStore.in(database);
  }

  <T extends AutoCloseable> T closing(T closeable) {
    closing.add(closeable);
    return closeable;
  }

  /** A started worker for {@code dag}, two slots, holding tries with leases of {@code lease}. */
  DbWorker worker(DagDefinition dag, Duration lease) {
    return closing(
            new DbWorker(database, List.of(dag), 2, List.of("default"), lease, POLL, 1 << 20))
        .start();
  }

  /** Starts deciding run {@code runId} of {@code dag} here, its bodies on the workers. */
  RunHandle start(DagDefinition dag, String runId) {
    DbTaskLauncher launcher = closing(new DbTaskLauncher(database, id -> dag, POLL));
    DagRunner decider = closing(DagRunner.builder().launcher(launcher).build());
    return decider.start(
        dag, RunConfig.builder().runId(runId).recorder(store.recorder(true)).build());
  }

  /** {@code dag} as the launcher, the UI and the command line find DAGs. */
  static DagProvider provider(DagDefinition dag) {
    return DagProvider.of(dag);
  }

  @Override
  public void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    store.close();
    database.close();
  }
}

package io.processflow.samples.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.store.Action;
import io.processflow.api.store.Store;
import io.processflow.api.store.Subscription;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.journal.RunLock;
import io.processflow.runtime.store.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples, as written there, so the README stays true. */
class ReadmeExamplesTest {
  @Test
  void dslExample() {
    DagBuilder dag = DagBuilder.dag("etl");
    TaskHandle extract = dag.task("extract", ctx -> List.of(1, 2, 3));
    TaskHandle double_ =
        dag.task(
            "double",
            ctx -> ctx.<List<Integer>>xcomPull("extract").stream().map(x -> 2 * x).toList());
    TaskHandle count = dag.task("count", ctx -> ctx.<List<Integer>>xcomPull("extract").size());
    TaskHandle load =
        dag.task("load", ctx -> CompletableFuture.supplyAsync(() -> "loaded")); // asynchronous
    extract.then(double_, count).then(load); // extract >> [double, count] >> load

    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      result = runner.run(dag.build());
      System.out.print(result.summaryTable());
    }
    assertThat(result.succeeded()).isTrue();
    assertThat(result.task("double").output()).isEqualTo(List.of(2, 4, 6));
    assertThat(result.task("count").output()).isEqualTo(3);
    assertThat(result.task("load").output()).isEqualTo("loaded");
  }

  @Test
  void journalExample(@TempDir Path runsDir) {
    DagBuilder builder = DagBuilder.dag("etl");
    int[] extracts = {0};
    builder
        .task("extract", ctx -> ++extracts[0])
        .then(builder.task("transform_a", ctx -> ctx.<Integer>xcomPull("extract") * 10));
    DagDefinition dag = builder.build();
    try (DagRunner runner = DagRunner.create()) {
      Journals journals = Journals.in(runsDir); // the README: Path.of("processflow-runs")
      runner.run(
          dag, RunConfig.builder().runId("nightly").recorder(journals.recorder(true)).build());

      RunResult resumed;
      try (RunLock lock = journals.lock("etl", "nightly")) { // no other process appends meanwhile
        RecordedRun recorded = journals.read(dag, "nightly");
        resumed =
            runner.run(
                dag,
                RunConfig.builder()
                    .runId("nightly")
                    .logicalDate(recorded.first().logicalDate())
                    .params(recorded.first().params())
                    .resume(
                        Resumes.plan(
                            dag, recorded, List.of())) // or List.of("transform_a") to clear
                    .recorder(journals.recorder(true)) // journals under the lock taken above
                    .build());
        assertThat(lock.isHeld()).as("the run leaves the caller's lock to the caller").isTrue();
      }
      journals.lock("etl", "nightly").close(); // released

      assertThat(resumed.succeeded()).isTrue();
      assertThat(resumed.task("transform_a").output()).isEqualTo(10);
      assertThat(extracts[0]).isEqualTo(1);
    }
  }

  @Test
  void storeExample() {
    List<Integer> printed = new ArrayList<>();
    Store<Integer> store =
        Stores.create((state, action) -> action.type().equals("add") ? state + 1 : state, 0);
    Subscription subscription = store.subscribe(() -> printed.add(store.getState()));
    store.dispatch(Action.of("add")); // prints 1
    subscription.unsubscribe();
    assertThat(printed).containsExactly(1);
  }
}

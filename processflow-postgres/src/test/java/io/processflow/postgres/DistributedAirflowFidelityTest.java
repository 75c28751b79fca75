package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.Operator;
import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.AirflowModel;
import io.processflow.runtime.execution.AirflowModel.Body;
import io.processflow.runtime.execution.AirflowModel.Outcome;
import io.processflow.runtime.execution.AirflowModel.Task;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RandomAirflowDags;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The property the local engine is held to ({@code AirflowFidelityTest}, {@code TaskLauncherTest}),
 * checked on distributed runs: random DAGs (every trigger rule, failures, branches, short circuits,
 * and retries: every task may retry once, some succeed only on their retry) decided through {@link
 * DbTaskLauncher} and run by two {@link DbWorker}s on a real PostgreSQL end in final states
 * Airflow's model can reach. A task that succeeds on its retry is a success to the model; one that
 * waits to retry counts as one not started yet, which is what it is to its downstream tasks.
 */
class DistributedAirflowFidelityTest {
  /** How many random DAGs; {@code -Dprocessflow.distributed.dags=N} runs more. */
  private static final int DAGS = Integer.getInteger("processflow.distributed.dags", 30);

  private static final Duration POLL = Duration.ofMillis(200);

  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();

  /** {@code body}, failing its first try. */
  private static Operator flaky(Operator body) {
    return ctx -> {
      if (ctx.tryNumber() == 1) {
        throw new IllegalStateException("a first try that fails");
      }
      return body.execute(ctx);
    };
  }

  @Test
  void randomDagsRunOnWorkersEndAsAirflowCanEnd() throws Exception {
    long seed = Long.getLong("processflow.seed", System.nanoTime());
    Random random = new Random(seed);
    List<List<Task>> plans = new ArrayList<>();
    Map<String, DagDefinition> dags = new HashMap<>();
    int flakyTasks = 0;
    for (int d = 0; d < DAGS; d++) {
      List<Task> tasks = RandomAirflowDags.random(random);
      boolean[] flaky = new boolean[tasks.size()];
      for (int i = 0; i < flaky.length; i++) {
        flaky[i] = tasks.get(i).body() != Body.FAIL && random.nextInt(4) == 0;
        flakyTasks += flaky[i] ? 1 : 0;
      }
      DagBuilder builder =
          RandomAirflowDags.dag(
              "random_" + d,
              tasks,
              i -> {
                Operator body = RandomAirflowDags.body(tasks.get(i));
                return flaky[i] ? flaky(body) : body;
              });
      builder.defaultArgs().retries(1).retryDelay(Duration.ofMillis(1));
      plans.add(tasks);
      dags.put("random_" + d, builder.build());
    }
    String url = pg.server().newDatabase();
    List<AutoCloseable> closing = new ArrayList<>();
    Database database = Database.open(url, Map.of(), 16);
    closing.add(database);
    try {
      DbRunStore store = DbRunStore.in(database);
      for (int w = 0; w < 2; w++) {
        closing.add(
            new DbWorker(
                    database,
                    List.copyOf(dags.values()),
                    2,
                    List.of(DbTaskLauncher.DEFAULT_QUEUE),
                    Duration.ofSeconds(10),
                    POLL,
                    DbWorker.DEFAULT_MAX_OUTPUT_BYTES)
                .start());
      }
      DbTaskLauncher launcher = new DbTaskLauncher(database, dags::get, POLL);
      closing.add(launcher);
      try (DagRunner decider = DagRunner.builder().launcher(launcher).build()) {
        for (int d = 0; d < DAGS; d++) {
          List<Task> tasks = plans.get(d);
          Set<Outcome> airflow = new AirflowModel(tasks).reachable();
          int maxActive = 1 + random.nextInt(tasks.size());
          RunResult done =
              decider
                  .start(
                      dags.get("random_" + d),
                      RunConfig.builder()
                          .runId("r" + d)
                          .maxActiveTasks(maxActive)
                          .recorder(store.recorder(true))
                          .build())
                  .result()
                  .get(60, TimeUnit.SECONDS);
          List<TaskState> states = new ArrayList<>();
          for (int i = 0; i < tasks.size(); i++) {
            states.add(done.task("t" + i).state());
          }
          assertThat(airflow)
              .as(
                  "DAG #%d %s maxActiveTasks=%d (seed %d)",
                  d, RandomAirflowDags.describe(tasks), maxActive, seed)
              .contains(new Outcome(List.copyOf(states), done.state()));
        }
      }
    } finally {
      for (int i = closing.size() - 1; i >= 0; i--) {
        closing.get(i).close();
      }
    }
    System.out.printf(
        "DistributedAirflowFidelityTest: %d random DAGs on 2 workers, %d tasks failing their first"
            + " try, all within Airflow's outcomes (seed %d)%n",
        DAGS, flakyTasks, seed);
  }
}

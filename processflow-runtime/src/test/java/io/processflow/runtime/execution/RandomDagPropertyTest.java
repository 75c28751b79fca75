package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.TriggerRule;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs 500 random DAGs of up to 200 tasks, with random shapes, delays, asynchronous and failing
 * tasks, retries, trigger rules, allowToFail flags, pool sizes and maxActiveTasks, and checks every
 * invariant of the runtime on each run: each task's state is one its rule allows after its upstream
 * tasks' final states, and its tries and transitions follow from that state.
 */
class RandomDagPropertyTest {
  private static final int DAGS = 500;
  private static final int MAX_TASKS = 200;
  private static RandomRounds rounds;

  /** A task that fails its first {@code failures} tries; it ends failed when retries run out. */
  record Spec(
      boolean async,
      int failures,
      int retries,
      int delayMicros,
      boolean allowToFail,
      TriggerRule rule,
      int[] upstream) {
    boolean fails() {
      return failures > retries;
    }

    int expectedTries() {
      return Math.min(failures, retries) + 1;
    }

    /** Rules that wait until every upstream task has ended before they run the task. */
    boolean waitsForAll() {
      return switch (rule) {
        case ONE_SUCCESS, ONE_FAILED, ONE_DONE, ALWAYS -> false;
        default -> true;
      };
    }
  }

  @BeforeAll
  static void pools() {
    rounds = new RandomRounds();
  }

  @AfterAll
  static void shutdown() {
    rounds.close();
  }

  @Test
  void everyInvariantHoldsOnRandomDags() {
    RandomRounds.repeat("random DAG", DAGS, RandomDagPropertyTest::checkOne);
  }

  private static void checkOne(Random random, int round) throws Exception {
    int n = 1 + random.nextInt(MAX_TASKS);
    double failureRate = random.nextDouble() < 0.3 ? 0 : random.nextDouble() * 0.15;
    boolean rules = random.nextBoolean();
    TriggerRule[] allRules = TriggerRule.values();
    List<Spec> specs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // Upstream tasks come from earlier positions, so the DAG is acyclic; declaration order is
      // shuffled below.
      int edges = i == 0 ? 0 : random.nextInt(Math.min(i, 4) + 1);
      int[] upstream = i == 0 ? new int[0] : random.ints(edges, 0, i).distinct().toArray();
      int failures = random.nextDouble() < failureRate ? 1 + random.nextInt(3) : 0;
      int retries = failures > 0 && random.nextBoolean() ? random.nextInt(3) : 0;
      int delay = random.nextInt(10) == 0 ? random.nextInt(1_000) : 0;
      TriggerRule rule =
          rules && random.nextInt(3) == 0
              ? allRules[random.nextInt(allRules.length)]
              : TriggerRule.ALL_SUCCESS;
      specs.add(
          new Spec(
              random.nextBoolean(),
              failures,
              retries,
              delay,
              failures > 0 && random.nextInt(4) == 0,
              rule,
              upstream));
    }
    int maxActive = 1 + random.nextInt(8);
    ExecutorService pool = rounds.pool(random);

    List<Integer> declarationOrder = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      declarationOrder.add(i);
    }
    Collections.shuffle(declarationOrder, random);

    AtomicIntegerArray runs = new AtomicIntegerArray(n);
    AtomicIntegerArray running = new AtomicIntegerArray(n);
    AtomicIntegerArray bodyEnded = new AtomicIntegerArray(n);
    AtomicInteger active = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    DagBuilder dag = DagBuilder.dag("random_" + round);
    dag.defaultArgs().retryDelay(Duration.ofMillis(1));
    for (int i : declarationOrder) {
      Spec spec = specs.get(i);
      dag.task(
              "t" + i,
              ctx -> {
                int attempt = runs.incrementAndGet(i);
                if (running.getAndIncrement(i) != 0) {
                  violations.add("t" + i + " ran two tries at once");
                }
                if (ctx.tryNumber() != attempt) {
                  violations.add("t" + i + " try " + attempt + " saw tryNumber " + ctx.tryNumber());
                }
                peak.accumulateAndGet(active.incrementAndGet(), Math::max);
                RunState state = ctx.store().getState();
                if (spec.waitsForAll()) {
                  for (int u : spec.upstream()) {
                    TaskState upstreamState = state.task("t" + u).state();
                    boolean ranAndEnded =
                        (upstreamState != TaskState.SUCCESS && upstreamState != TaskState.FAILED)
                            || bodyEnded.get(u) == 1;
                    if (!upstreamState.isTerminal() || !ranAndEnded) {
                      violations.add("t" + i + " started before its upstream t" + u + " ended");
                    }
                  }
                }
                return body(i, spec, attempt, active, running, bodyEnded);
              })
          .allowToFail(spec.allowToFail())
          .retries(spec.retries())
          .triggerRule(spec.rule());
    }
    for (int i = 0; i < n; i++) {
      for (int u : specs.get(i).upstream()) {
        dag.dependency("t" + u, "t" + i);
      }
    }
    DagDefinition definition = dag.build();

    List<TaskStatusUpdate> updates = Collections.synchronizedList(new ArrayList<>());
    Middleware<RunState> recorder =
        store ->
            next ->
                action -> {
                  if (action instanceof TaskStatusUpdate update) {
                    updates.add(update);
                  }
                  return next.dispatch(action);
                };
    RunResult result;
    try (DagRunner runner = DagRunner.builder().executor(pool).build()) {
      result =
          runner
              .runAsync(
                  definition,
                  RunConfig.builder().maxActiveTasks(maxActive).middleware(recorder).build())
              .get(60, TimeUnit.SECONDS); // the run always terminates
    }

    assertThat(violations).isEmpty();
    assertThat(peak.get()).isLessThanOrEqualTo(maxActive);

    // The model: a task's state must be one its trigger rule can decide from the final states of
    // its upstream tasks (an allowed failure counts as a success), in some order of their ends
    // (Airflow decides as soon as the ended ones decide, so the order matters; AirflowFidelityTest
    // checks whole runs against every interleaving on small DAGs). A task that runs ends as its
    // spec
    // says. The run fails when a leaf failed or is upstream_failed (Airflow's rule).
    TaskState[] expected = new TaskState[n];
    TaskState[] seenDownstream = new TaskState[n];
    boolean[] leaf = new boolean[n];
    java.util.Arrays.fill(leaf, true);
    for (int i = 0; i < n; i++) {
      Spec spec = specs.get(i);
      TaskState[] upstreamStates = new TaskState[spec.upstream().length];
      for (int k = 0; k < upstreamStates.length; k++) {
        leaf[spec.upstream()[k]] = false;
        upstreamStates[k] = seenDownstream[spec.upstream()[k]];
      }
      TaskState actual = result.task("t" + i).state();
      java.util.Set<TaskState> possible = new java.util.HashSet<>();
      for (TriggerRules.Decision decision : decisions(spec.rule(), upstreamStates)) {
        possible.add(
            switch (decision) {
              case RUN -> spec.fails() ? TaskState.FAILED : TaskState.SUCCESS;
              case SKIP -> TaskState.SKIPPED;
              case UPSTREAM_FAILED -> TaskState.UPSTREAM_FAILED;
              case WAIT -> throw new AssertionError("a rule waits although every upstream ended");
            });
      }
      assertThat(possible)
          .as("states t%d (%s) can reach after %s", i, spec, List.of(upstreamStates))
          .contains(actual);
      expected[i] = actual;
      seenDownstream[i] =
          expected[i] == TaskState.FAILED && spec.allowToFail() ? TaskState.SUCCESS : expected[i];
    }
    boolean runFails = false;
    for (int i = 0; i < n; i++) {
      runFails |=
          leaf[i]
              && (seenDownstream[i] == TaskState.FAILED
                  || seenDownstream[i] == TaskState.UPSTREAM_FAILED);
    }
    assertThat(result.state()).isEqualTo(runFails ? DagRunState.FAILED : DagRunState.SUCCESS);
    for (int i = 0; i < n; i++) {
      Spec spec = specs.get(i);
      TaskInstance task = result.task("t" + i);
      boolean ran = expected[i] == TaskState.SUCCESS || expected[i] == TaskState.FAILED;
      assertThat(runs.get(i))
          .as("tries of t%d (%s)", i, spec)
          .isEqualTo(ran ? spec.expectedTries() : 0);
      if (ran) {
        assertThat(task.tryNumber()).isEqualTo(spec.expectedTries());
      }
      if (expected[i] == TaskState.SUCCESS) {
        assertThat(task.output()).isEqualTo("out" + i);
      }
      if (expected[i] == TaskState.FAILED) {
        assertThat(task.error().message())
            .isEqualTo("planned failure of t" + i + " try " + spec.expectedTries());
      }
    }

    // Each task's transitions arrive in order and only once.
    List<List<TaskState>> perTask = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      perTask.add(new ArrayList<>());
    }
    synchronized (updates) {
      for (TaskStatusUpdate update : updates) {
        perTask.get(Integer.parseInt(update.taskId().substring(1))).add(update.state());
      }
    }
    for (int i = 0; i < n; i++) {
      List<TaskState> actual = perTask.get(i);
      if (expected[i] == TaskState.SUCCESS || expected[i] == TaskState.FAILED) {
        // Per try: scheduled if it waited for a slot, queued if it waited for a worker, running,
        // then its end. Which waits happen depends on timing; their order and the rest do not.
        int at = 0;
        for (int attempt = 1; attempt <= specs.get(i).expectedTries(); attempt++) {
          TaskState end =
              attempt < specs.get(i).expectedTries() ? TaskState.UP_FOR_RETRY : expected[i];
          at = RandomRounds.skipWaits(actual, at);
          assertThat(actual.subList(Math.min(at, actual.size()), Math.min(at + 2, actual.size())))
              .as("transitions of t%d, try %d: %s", i, attempt, actual)
              .containsExactly(TaskState.RUNNING, end);
          at += 2;
        }
        assertThat(at).as("transitions of t%d: %s", i, actual).isEqualTo(actual.size());
      } else {
        assertThat(actual).as("transitions of t%d", i).containsExactly(expected[i]);
      }
    }
  }

  /**
   * What a rule can decide, over every order in which upstream tasks that ended in {@code states}
   * may end: a decision other than WAIT after any prefix of any order.
   */
  private static java.util.Set<TriggerRules.Decision> decisions(
      TriggerRule rule, TaskState[] states) {
    java.util.Set<TriggerRules.Decision> decisions =
        java.util.EnumSet.noneOf(TriggerRules.Decision.class);
    permute(rule, states, 0, decisions);
    return decisions;
  }

  private static void permute(
      TriggerRule rule, TaskState[] states, int from, java.util.Set<TriggerRules.Decision> out) {
    if (from == states.length) {
      for (int k = 0; k <= states.length; k++) {
        int success = 0;
        int failed = 0;
        int upstreamFailed = 0;
        int skipped = 0;
        for (int j = 0; j < k; j++) {
          switch (states[j]) {
            case SUCCESS -> success++;
            case SKIPPED -> skipped++;
            case UPSTREAM_FAILED -> upstreamFailed++;
            default -> failed++;
          }
        }
        TriggerRules.Decision decision =
            TriggerRules.decide(rule, states.length, success, failed, upstreamFailed, skipped);
        // Each prefix may be the first the engine evaluates: upstream tasks that end in one
        // cascade are counted together before their downstream tasks decide.
        if (decision != TriggerRules.Decision.WAIT || k == states.length) {
          out.add(decision);
        }
      }
      return;
    }
    for (int k = from; k < states.length; k++) {
      TaskState[] swapped = states.clone();
      swapped[from] = states[k];
      swapped[k] = states[from];
      permute(rule, swapped, from + 1, out);
    }
  }

  private static Object body(
      int i,
      Spec spec,
      int attempt,
      AtomicInteger active,
      AtomicIntegerArray running,
      AtomicIntegerArray bodyEnded)
      throws Exception {
    boolean fail = attempt <= spec.failures();
    if (!spec.async()) {
      if (spec.delayMicros() > 0) {
        TimeUnit.MICROSECONDS.sleep(spec.delayMicros());
      }
      return end(i, fail, attempt, active, running, bodyEnded);
    }
    return CompletableFuture.supplyAsync(
        () -> end(i, fail, attempt, active, running, bodyEnded),
        CompletableFuture.delayedExecutor(spec.delayMicros(), TimeUnit.MICROSECONDS));
  }

  private static String end(
      int i,
      boolean fail,
      int attempt,
      AtomicInteger active,
      AtomicIntegerArray running,
      AtomicIntegerArray bodyEnded) {
    active.decrementAndGet();
    running.decrementAndGet(i);
    bodyEnded.set(i, 1);
    if (fail) {
      throw new IllegalStateException("planned failure of t" + i + " try " + attempt);
    }
    return "out" + i;
  }
}

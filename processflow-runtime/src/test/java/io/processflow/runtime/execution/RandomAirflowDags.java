package io.processflow.runtime.execution;

import io.processflow.api.Operator;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.AirflowModel.Body;
import io.processflow.runtime.execution.AirflowModel.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Random DAGs for {@link AirflowModel}: every trigger rule, failures, branches and short circuits,
 * small enough for the model to explore every interleaving; and the DSL DAG that runs one. Shared
 * with the database mode's tests (the runtime's test jar), which check distributed runs against the
 * same model.
 */
public final class RandomAirflowDags {
  /** The most tasks of a random DAG. */
  public static final int MAX_TASKS = 7;

  private static final TriggerRule[] RULES = {
    TriggerRule.ALL_SUCCESS, TriggerRule.ALL_FAILED, TriggerRule.ALL_DONE,
    TriggerRule.ALL_DONE_MIN_ONE_SUCCESS, TriggerRule.ALL_SKIPPED, TriggerRule.ONE_SUCCESS,
    TriggerRule.ONE_FAILED, TriggerRule.ONE_DONE, TriggerRule.NONE_FAILED,
    TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS, TriggerRule.NONE_SKIPPED, TriggerRule.ALWAYS
  };

  private RandomAirflowDags() {}

  /** Up to {@value #MAX_TASKS} tasks; each takes its upstream tasks among the earlier ones. */
  public static List<Task> random(Random random) {
    int n = 2 + random.nextInt(MAX_TASKS - 1);
    int[][] upstream = new int[n][];
    List<List<Integer>> downstream = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      downstream.add(new ArrayList<>());
      int edges = i == 0 ? 0 : random.nextInt(Math.min(i, 3) + 1);
      upstream[i] = i == 0 ? new int[0] : random.ints(edges, 0, i).distinct().sorted().toArray();
      for (int u : upstream[i]) {
        downstream.get(u).add(i);
      }
    }
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TriggerRule rule =
          random.nextInt(3) == 0 ? TriggerRule.ALL_SUCCESS : RULES[random.nextInt(RULES.length)];
      List<Integer> children = downstream.get(i);
      int kind = random.nextInt(20);
      Body body =
          kind < 4
              ? Body.FAIL
              : kind < 8 && !children.isEmpty()
                  ? Body.BRANCH
                  : kind < 10
                      ? Body.SHORT_CIRCUIT_FALSE
                      : kind < 11 ? Body.SHORT_CIRCUIT_TRUE : Body.SUCCEED;
      int[] follow =
          body == Body.BRANCH
              ? children.stream()
                  .filter(c -> random.nextInt(3) == 0)
                  .mapToInt(Integer::intValue)
                  .toArray()
              : new int[0];
      tasks.add(new Task(rule, body, upstream[i], follow));
    }
    return tasks;
  }

  public static String describe(List<Task> tasks) {
    StringBuilder text = new StringBuilder("[");
    IntStream.range(0, tasks.size())
        .forEach(
            i -> {
              Task t = tasks.get(i);
              text.append(i == 0 ? "" : ", ")
                  .append('t')
                  .append(i)
                  .append(' ')
                  .append(t.rule().name().toLowerCase())
                  .append(' ')
                  .append(t.body().name().toLowerCase());
              if (t.body() == Body.BRANCH) {
                text.append("->").append(java.util.Arrays.toString(t.follow()));
              }
              if (t.upstream().length > 0) {
                text.append(" after ").append(java.util.Arrays.toString(t.upstream()));
              }
            });
    return text.append(']').toString();
  }

  /** What the model says task {@code task}'s body does: fail, follow its branch, or return. */
  public static Operator body(Task task) {
    return ctx -> {
      if (task.body() == Body.FAIL) {
        throw new IllegalStateException("planned failure");
      }
      return switch (task.body()) {
        case BRANCH -> Arrays.stream(task.follow()).mapToObj(f -> "t" + f).toList();
        case SHORT_CIRCUIT_TRUE -> Boolean.TRUE;
        case SHORT_CIRCUIT_FALSE -> Boolean.FALSE;
        default -> "out";
      };
    };
  }

  /**
   * The DAG of {@code tasks}, task {@code i} named {@code t<i>} with the body {@code bodies} gives
   * it (a branch or short circuit as its model task is), its trigger rule and its upstream edges.
   */
  public static DagBuilder dag(String dagId, List<Task> tasks, IntFunction<Operator> bodies) {
    DagBuilder dag = DagBuilder.dag(dagId);
    for (int i = 0; i < tasks.size(); i++) {
      Operator body = bodies.apply(i);
      TaskHandle handle =
          switch (tasks.get(i).body()) {
            case BRANCH -> dag.branch("t" + i, body);
            case SHORT_CIRCUIT_TRUE, SHORT_CIRCUIT_FALSE -> dag.shortCircuit("t" + i, body);
            default -> dag.task("t" + i, body);
          };
      handle.triggerRule(tasks.get(i).rule());
    }
    for (int i = 0; i < tasks.size(); i++) {
      for (int u : tasks.get(i).upstream()) {
        dag.dependency("t" + u, "t" + i);
      }
    }
    return dag;
  }
}

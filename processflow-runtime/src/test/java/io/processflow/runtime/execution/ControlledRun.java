package io.processflow.runtime.execution;

import io.processflow.api.Operator;
import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.AirflowModel.Body;
import io.processflow.runtime.execution.AirflowModel.Outcome;
import io.processflow.runtime.execution.AirflowModel.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a model DAG on ProcessFlow's real engine with the order of events chosen by the test: every
 * task body is asynchronous and waits for a future the test completes, and the executor is a queue
 * the test drains itself, on its own thread. At each step the test either starts one queued task or
 * completes one running task, chosen by a seeded random: no sleeps, no other threads.
 */
final class ControlledRun {
  private ControlledRun() {}

  /** Runs {@code tasks} (ids {@code t0, t1, ...}) in the order {@code random} picks. */
  static Outcome run(List<Task> tasks, Random random, int maxActiveTasks) throws Exception {
    return run(tasks, random, maxActiveTasks, List.of());
  }

  /**
   * Runs {@code tasks} taking the steps of {@code script} first, then random ones: a step is {@code
   * "start"} (the oldest queued task starts) or a task id (that running task completes).
   */
  static Outcome run(List<Task> tasks, Random random, int maxActiveTasks, List<String> script)
      throws Exception {
    List<Runnable> queued = new ArrayList<>();
    List<Runnable> running = new ArrayList<>();
    List<String> runningIds = new ArrayList<>();
    DagBuilder dag = DagBuilder.dag("controlled");
    for (int i = 0; i < tasks.size(); i++) {
      Task task = tasks.get(i);
      Object value = value(task);
      String id = "t" + i;
      Operator body =
          ctx -> {
            CompletableFuture<Object> done = new CompletableFuture<>();
            runningIds.add(id);
            running.add(
                () -> {
                  if (task.body() == Body.FAIL) {
                    done.completeExceptionally(new IllegalStateException("planned failure"));
                  } else {
                    done.complete(value);
                  }
                });
            return done;
          };
      TaskHandle handle =
          switch (task.body()) {
            case BRANCH -> dag.branch(id, body);
            case SHORT_CIRCUIT_TRUE, SHORT_CIRCUIT_FALSE -> dag.shortCircuit(id, body);
            default -> dag.task(id, body);
          };
      handle.triggerRule(task.rule());
    }
    for (int i = 0; i < tasks.size(); i++) {
      for (int u : tasks.get(i).upstream()) {
        dag.dependency("t" + u, "t" + i);
      }
    }
    CompletableFuture<RunResult> result;
    try (DagRunner runner = DagRunner.builder().executor(queued::add).build()) {
      result =
          runner.runAsync(dag.build(), RunConfig.builder().maxActiveTasks(maxActiveTasks).build());
      for (String step : script) {
        if (step.equals("start")) {
          queued.remove(0).run();
        } else {
          int k = runningIds.indexOf(step);
          if (k < 0) {
            throw new AssertionError(
                "script step " + step + ": no such running task in " + runningIds);
          }
          runningIds.remove(k);
          running.remove(k).run();
        }
      }
      while (!result.isDone()) {
        int choices = queued.size() + running.size();
        if (choices == 0) {
          throw new AssertionError("the run is stuck: nothing queued, nothing running, no result");
        }
        int pick = random.nextInt(choices);
        if (pick < queued.size()) {
          queued.remove(pick).run(); // a pool of several threads may start them in any order
        } else {
          runningIds.remove(pick - queued.size());
          running.remove(pick - queued.size()).run();
        }
      }
    }
    RunResult done = result.get(0, TimeUnit.SECONDS);
    List<TaskState> states = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      states.add(done.task("t" + i).state());
    }
    return new Outcome(List.copyOf(states), done.state());
  }

  private static Object value(Task task) {
    return switch (task.body()) {
      case BRANCH -> Arrays.stream(task.follow()).mapToObj(f -> "t" + f).toList();
      case SHORT_CIRCUIT_TRUE -> Boolean.TRUE;
      case SHORT_CIRCUIT_FALSE -> Boolean.FALSE;
      default -> "out";
    };
  }
}

package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code xcomPull(id)} reads the output of the task named {@code id}, whichever way the id is
 * spelled and whether or not the task is directly upstream: the engine looks among the puller's
 * upstream tasks first (see EngineTry#indexOf), and these tests hold that shortcut to the answer of
 * the DAG's id index.
 */
class XcomPullTest {
  private final DagRunner runner = DagRunner.builder().workerThreads(3).maxActiveTasks(3).build();

  @AfterEach
  void close() {
    runner.close();
  }

  /** Each source outputs its own id; the join pulls {@code pulls} in that order. */
  private List<Object> joinPulling(int sources, List<String> pulls) {
    DagBuilder dag = DagBuilder.dag("pulls");
    ConcurrentLinkedQueue<Object> read = new ConcurrentLinkedQueue<>();
    TaskHandle join =
        dag.task(
            "join",
            ctx -> {
              for (String id : pulls) {
                read.add(ctx.xcomPull(id));
              }
              return null;
            });
    for (int i = 0; i < sources; i++) {
      dag.task("source_" + i, ctx -> ctx.taskId()).then(join);
    }
    assertThat(runner.run(dag.build()).succeeded()).isTrue();
    return List.copyOf(read);
  }

  @Test
  void aJoinReadsEveryParentInAnyOrderAndSpelling() {
    Random random = new Random(7);
    for (int sources : new int[] {1, 2, 7, 8, 9, 40}) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < sources; i++) {
        ids.add("source_" + i);
      }
      List<String> reversed = new ArrayList<>(ids);
      Collections.reverse(reversed);
      List<String> shuffled = new ArrayList<>(ids);
      Collections.shuffle(shuffled, random);
      List<String> twiceEach = new ArrayList<>();
      for (String id : shuffled) {
        twiceEach.add(id);
        twiceEach.add(id);
      }
      // Equal to the declared ids but not the same objects: found by equality, not identity.
      List<String> respelled = ids.stream().map(id -> new String(id.toCharArray())).toList();
      for (List<String> pulls : List.of(ids, reversed, shuffled, twiceEach, respelled)) {
        assertThat(joinPulling(sources, pulls))
            .as("%d sources, pulled as %s", sources, pulls)
            .containsExactlyElementsOf(pulls);
      }
    }
  }

  @Test
  void anUnknownIdFailsAsTheIndexSaysWhetherOrNotTheTaskHasUpstreamTasks() {
    DagBuilder dag = DagBuilder.dag("unknown");
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    Function<String, TaskHandle> pullingMissing =
        id ->
            dag.task(
                id,
                ctx -> {
                  try {
                    ctx.xcomPull("missing");
                  } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                  }
                  return null;
                });
    pullingMissing.apply("root").then(pullingMissing.apply("child"));
    assertThat(runner.run(dag.build()).succeeded()).isTrue();
    assertThat(errors).hasSize(2).allSatisfy(m -> assertThat(m).contains("has no task 'missing'"));
  }

  @Test
  void aTaskReadsTasksThatAreNotDirectlyUpstreamAndItselfNotAtAll() {
    DagBuilder dag = DagBuilder.dag("far");
    ConcurrentHashMap<String, Object> read = new ConcurrentHashMap<>();
    TaskHandle a = dag.task("a", ctx -> "from a");
    TaskHandle b = dag.task("b", ctx -> "from b");
    TaskHandle c =
        dag.task(
            "c",
            ctx -> {
              read.put("b", ctx.xcomPull("b"));
              read.put("a", ctx.xcomPull("a")); // two steps up
              read.put("side", String.valueOf((Object) ctx.xcomPull("side"))); // not upstream
              read.put("self", String.valueOf((Object) ctx.xcomPull("c"))); // not yet
              read.put("b again", ctx.xcomPull(new String("b".toCharArray())));
              return "from c";
            });
    dag.task("side", ctx -> "from side");
    a.then(b).then(c);
    assertThat(runner.run(dag.build()).succeeded()).isTrue();
    assertThat(read)
        .containsEntry("b", "from b")
        .containsEntry("a", "from a")
        .containsEntry("self", "null")
        .containsEntry("b again", "from b");
    // "side" runs in parallel with c: null or its output, never another task's.
    assertThat(read.get("side")).isIn("null", "from side");
  }

  /**
   * Under {@code all_success} a pull of a direct upstream task reads its final output without the
   * store (see EngineTry#xcomPull), on every try; under a rule that may run before all its upstream
   * tasks ended, a pull reads the run's state as it is: a running upstream task has no output yet,
   * and one that ends meanwhile has it at the next pull.
   */
  @Test
  void aPullOfARunningUpstreamTaskReadsTheRunAsItIsUnderARuleThatDoesNotWaitForAll()
      throws Exception {
    DagBuilder dag = DagBuilder.dag("early");
    CountDownLatch slowMayEnd = new CountDownLatch(1);
    CountDownLatch slowEnded = new CountDownLatch(1);
    ConcurrentHashMap<String, Object> read = new ConcurrentHashMap<>();
    AtomicInteger tries = new AtomicInteger();
    TaskHandle fast = dag.task("fast", ctx -> "from fast");
    TaskHandle slow =
        dag.task(
            "slow",
            ctx -> {
              slowMayEnd.await();
              return "from slow";
            });
    TaskHandle early =
        dag.task(
                "early",
                ctx -> {
                  read.put("slow before", String.valueOf((Object) ctx.xcomPull("slow")));
                  slowMayEnd.countDown();
                  slowEnded.await(); // "slow" has succeeded once this returns
                  read.put("slow after", ctx.xcomPull("slow"));
                  read.put("fast", ctx.xcomPull("fast"));
                  return null;
                })
            .triggerRule(TriggerRule.ONE_SUCCESS);
    TaskHandle retried =
        dag.task(
                "retried",
                ctx -> {
                  int t = tries.incrementAndGet();
                  read.put("try " + t, ctx.xcomPull("slow") + ", " + ctx.xcomPull("fast"));
                  if (t == 1) {
                    throw new IllegalStateException("first try fails");
                  }
                  return null;
                })
            .retries(1)
            .retryDelay(Duration.ofMillis(1));
    fast.then(early);
    slow.then(early);
    fast.then(retried);
    slow.then(retried);
    RunHandle handle = runner.start(dag.build(), RunConfig.defaults());
    Runnable slowSucceeded =
        () -> {
          if (handle.store().getState().task("slow").state() == TaskState.SUCCESS) {
            slowEnded.countDown();
          }
        };
    handle.store().subscribe(slowSucceeded::run);
    slowSucceeded.run(); // in case it already has
    assertThat(handle.result().get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(read)
        .containsEntry("slow before", "null")
        .containsEntry("slow after", "from slow")
        .containsEntry("fast", "from fast")
        .containsEntry("try 1", "from slow, from fast")
        .containsEntry("try 2", "from slow, from fast");
  }
}

package io.processflow.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.internal.json.Json;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points (seeded), then resume, in separate JVMs running the generated main of
 * {@link CrashDag}. After every kill the journal says which tasks had succeeded; the side file the
 * tasks write says which tasks started in which JVM and what they consumed. Checked: a task that
 * had succeeded before a kill never starts again; in every JVM a task starts at most once; the JVM
 * that completes the run starts exactly the tasks that had not succeeded; each task succeeds once
 * in the whole journal; every input a task consumed is the output its upstream task ended with
 * (typed: the tasks read records and longs, not maps); and the run ends in success.
 */
class CrashResumeTest {
  private static final int SCENARIOS = 8;
  private static final int KILLS_PER_SCENARIO = 3;
  private static final String RUN_ID = "crash";

  @TempDir Path dir;

  private final DagDefinition dag = ProcessFlowCrashDag.dag();

  @Test
  void killedRunsResumeWithoutRerunningWhatFinished() throws Exception {
    Random random = new Random(20261127L);
    int kills = 0;
    for (int scenario = 0; scenario < SCENARIOS; scenario++) {
      kills += scenario(dir.resolve("s" + scenario), random);
    }
    assertThat(kills).as("kill points that landed during a run").isGreaterThanOrEqualTo(20);
  }

  /** One run killed up to three times, then resumed to the end; returns how many kills landed. */
  private int scenario(Path home, Random random) throws Exception {
    Files.createDirectories(home);
    Path runsDir = home.resolve("runs");
    Path side = home.resolve("side.log");
    Set<String> succeeded = new HashSet<>();
    int kills = 0;
    int linesBefore = 0;
    for (int attempt = 0; ; attempt++) {
      List<String> args =
          attempt == 0
              ? List.of(
                  "--runs-dir",
                  runsDir.toString(),
                  "--run-id",
                  RUN_ID,
                  "--param",
                  "sideFile=" + side)
              : List.of("--runs-dir", runsDir.toString(), "--resume", RUN_ID);
      Process process =
          ChildJvm.start(home, "jvm-" + attempt, ProcessFlowCrashDag.class, args).process();
      boolean killed = false;
      if (kills < KILLS_PER_SCENARIO) {
        int notDone = dag.taskCount() - succeeded.size();
        int startsToWaitFor = 1 + random.nextInt(Math.max(notDone, 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive()
            && startedSince(side, linesBefore) < startsToWaitFor
            && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        Thread.sleep(random.nextInt(30));
        if (process.isAlive()) {
          process.destroyForcibly(); // SIGKILL
          killed = true;
        }
      }
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the run ends").isTrue();
      List<String> lines = Files.exists(side) ? Files.readAllLines(side) : List.of();
      Map<String, Integer> starts = starts(lines.subList(linesBefore, lines.size()));
      assertThat(starts.values()).as("starts per task in one JVM").allMatch(count -> count == 1);
      Set<String> kept = succeeded;
      assertThat(starts.keySet())
          .as("tasks that had succeeded start again")
          .noneMatch(kept::contains);
      linesBefore = lines.size();
      if (killed) {
        kills++;
        Set<String> now = succeededTasks(replay(runsDir));
        assertThat(now).containsAll(succeeded);
        succeeded = now;
        System.out.printf(
            "%s: kill %d with %d of %d tasks succeeded%n",
            home.getFileName(), kills, now.size(), dag.taskCount());
        continue;
      }
      assertThat(process.exitValue()).as("exit status, see " + home).isZero();
      Set<String> expected = new TreeSet<>(dag.taskIds());
      expected.removeAll(succeeded);
      assertThat(new TreeSet<>(starts.keySet()))
          .as("tasks the completing JVM ran")
          .isEqualTo(expected);
      break;
    }
    RunState end = replay(runsDir);
    assertThat(end.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(end.tasks())
        .allSatisfy(task -> assertThat(task.state()).isEqualTo(TaskState.SUCCESS));
    checkConsumedOutputs(end, Files.readAllLines(side));
    checkOneSuccessPerTask(runsDir);
    return kills;
  }

  private static int startedSince(Path side, int linesBefore) throws IOException {
    if (!Files.exists(side)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(side);
    int started = 0;
    for (int i = linesBefore; i < lines.size(); i++) {
      if (lines.get(i).startsWith("started ")) {
        started++;
      }
    }
    return started;
  }

  private static Map<String, Integer> starts(List<String> lines) {
    Map<String, Integer> starts = new HashMap<>();
    for (String line : lines) {
      if (line.startsWith("started ")) {
        starts.merge(line.substring("started ".length()), 1, Integer::sum);
      }
    }
    return starts;
  }

  private RunState replay(Path runsDir) {
    RecordedRun recorded = Journals.in(runsDir).read(dag, RUN_ID);
    return Resumes.plan(dag, recorded, List.of()).replay(dag, RUN_ID);
  }

  private static Set<String> succeededTasks(RunState state) {
    Set<String> succeeded = new HashSet<>();
    for (TaskInstance task : state.tasks()) {
      if (task.state() == TaskState.SUCCESS) {
        succeeded.add(task.taskId());
      }
    }
    return succeeded;
  }

  /** Every input consumed, in any JVM, is the output its upstream task ended the run with. */
  private static void checkConsumedOutputs(RunState end, List<String> lines) {
    int consumed = 0;
    for (String line : lines) {
      if (line.startsWith("consumed ")) {
        String[] parts = line.split(" ", 4);
        assertThat(parts[3]).as(line).isEqualTo(Json.write(end.task(parts[2]).output()));
        consumed++;
      }
    }
    assertThat(consumed).isGreaterThanOrEqualTo(12);
  }

  private void checkOneSuccessPerTask(Path runsDir) {
    Map<String, Integer> successes = new HashMap<>();
    for (var action : Journals.in(runsDir).read(dag, RUN_ID).actions()) {
      if (action instanceof TaskStatusUpdate update && update.state() == TaskState.SUCCESS) {
        successes.merge(update.taskId(), 1, Integer::sum);
      }
    }
    assertThat(successes.keySet()).containsExactlyInAnyOrderElementsOf(dag.taskIds());
    assertThat(successes.values()).allMatch(count -> count == 1);
  }
}

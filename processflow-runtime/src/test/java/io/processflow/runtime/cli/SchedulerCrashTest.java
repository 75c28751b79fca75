package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.schedule.RunIds;
import io.processflow.runtime.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the scheduler at random moments (seeded; half of them while a run is running), in
 * separate JVMs, each restarted on the same runs directory while the simulated clock runs on
 * ({@link SchedulerCrashMain}). Checked at the end: every hourly interval from the start date to
 * the end date has exactly one run, and it succeeded (none lost, none run twice); a task started
 * again only in a run that was resumed, at most once per resume; runs cut short by a kill were
 * resumed from their journals; the last scheduler stops on SIGTERM with status 143.
 */
class SchedulerCrashTest {
  private static final int KILLS = 6;

  @TempDir Path dir;

  @Test
  void killedAndRestartedSchedulersRunEveryIntervalOnceAndResumeWhatTheyHadStarted()
      throws Exception {
    Random random = new Random(20261130L);
    Path runsDir = dir.resolve("runs");
    Path side = dir.resolve("side.log");
    long wallStart = System.currentTimeMillis();
    List<String> args =
        List.of(
            runsDir.toString(),
            side.toString(),
            SchedulerCrashMain.START,
            Long.toString(wallStart));
    for (int kill = 0; kill < KILLS; kill++) {
      Process process = start(args, "jvm-" + kill);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      // Wait for this JVM to start a task, then kill -9: every other kill within 10 ms, while
      // that task (20 ms or more) or the run's next one runs, so that some runs are surely cut
      // short (a random while alone can miss every run: a run takes 50 ms in each 150); the
      // others after a random while of up to 600 ms, between runs as often as not.
      int before = starts(side);
      while (starts(side) <= before && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      Thread.sleep(kill % 2 == 0 ? random.nextInt(10) : random.nextInt(600));
      process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
    }
    Process last = start(args, "jvm-last");
    List<String> expected = expectedRunIds();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!allSucceeded(runsDir, expected.size()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    last.destroy(); // SIGTERM
    assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).isEqualTo(143);

    List<RunSummary> runs = Journals.in(runsDir).runs("crashy");
    assertThat(runs).extracting(RunSummary::runId).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(runs)
        .allSatisfy(run -> assertThat(run.state()).as(run.runId()).isEqualTo(DagRunState.SUCCESS));

    Map<String, Integer> starts = new HashMap<>();
    for (String line : lines(side)) {
      String[] words = line.split(" ");
      if (words[0].equals("start")) {
        starts.merge(words[1] + " " + words[2], 1, Integer::sum);
      }
    }
    int resumed = 0;
    for (RunSummary run : runs) {
      resumed += run.resumes() > 0 ? 1 : 0;
      for (String task : List.of("extract", "load")) {
        assertThat(starts.getOrDefault(run.runId() + " " + task, 0))
            .as("starts of %s %s (resumed %d times)", run.runId(), task, run.resumes())
            .isBetween(1, 1 + run.resumes());
      }
    }
    assertThat(resumed).as("runs cut short by a kill and resumed").isPositive();
  }

  private static List<String> expectedRunIds() {
    List<String> ids = new ArrayList<>();
    Instant end = Instant.parse(SchedulerCrashMain.END);
    for (Instant t = Instant.parse(SchedulerCrashMain.START);
        !t.isAfter(end);
        t = t.plus(Duration.ofHours(1))) {
      ids.add(RunIds.scheduled(t));
    }
    return ids;
  }

  private static boolean allSucceeded(Path runsDir, int count) {
    List<RunSummary> runs = Journals.in(runsDir).runs("crashy");
    return runs.size() >= count
        && runs.stream().allMatch(run -> run.state() == DagRunState.SUCCESS);
  }

  private Process start(List<String> args, String name) throws Exception {
    return ChildJvm.start(dir, name, SchedulerCrashMain.class, args).process();
  }

  /** How many tasks the side file says were started. */
  private static int starts(Path side) throws Exception {
    return (int) lines(side).stream().filter(line -> line.startsWith("start ")).count();
  }

  private static List<String> lines(Path file) throws Exception {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.split(" ").length == 4) { // not a line a kill tore
        lines.add(line);
      }
    }
    return lines;
  }
}

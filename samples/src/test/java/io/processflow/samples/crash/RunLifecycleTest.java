package io.processflow.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.cli.Launcher;
import io.processflow.runtime.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a run's journal across processes, in separate JVMs running the generated main of
 * {@link CrashDag}: one writer per run (a second process resuming or running the same run is
 * refused with exit 2 while the first holds the run's lock, and the lock goes with a kill -9); a
 * kill -9 at a random moment of the start leaves no journal or one that resumes; SIGTERM right
 * after a run ended keeps the run's status and its summary.
 */
class RunLifecycleTest {
  private static final String DAG = "crash_dag";

  @TempDir Path home;

  private List<String> newRun(Path dir, String runId) {
    return List.of(
        "--runs-dir",
        dir.resolve("runs").toString(),
        "--run-id",
        runId,
        "--param",
        "sideFile=" + dir.resolve("side.log"));
  }

  private static List<String> resume(Path dir, String runId) {
    return List.of("--runs-dir", dir.resolve("runs").toString(), "--resume", runId, "--no-fsync");
  }

  @Test
  void aResumeWhileTheRunRunsIsRefusedNamingTheHolderAndNoTaskRunsTwice() throws Exception {
    ChildJvm first = crashDag(home, "first", newRun(home, "r"));
    assertThat(awaitSide(home, "started extract")).isTrue();
    signal("STOP", first); // frozen mid-run, holding the run
    try {
      ChildJvm second = crashDag(home, "second", resume(home, "r"));
      assertThat(second.exitStatus()).as(second.output()).isEqualTo(2);
      assertThat(second.output())
          .contains(
              "run 'r' of DAG '"
                  + DAG
                  + "' is being run by another process (pid "
                  + first.process().pid())
          .contains("Wait for it to end")
          .doesNotContain("\tat ");
      ChildJvm third = crashDag(home, "third", newRun(home, "r"));
      assertThat(third.exitStatus()).as(third.output()).isEqualTo(2);
      assertThat(third.output())
          .contains("is being run by another process")
          .doesNotContain("\tat ");
    } finally {
      signal("CONT", first);
    }
    assertThat(first.exitStatus()).as(first.output()).isZero();
    assertThat(starts(home).values()).as("starts per task").allMatch(count -> count == 1);
  }

  @Test
  void ofTwoConcurrentResumesOfAKilledRunOneProceedsAndTheOtherIsRefused() throws Exception {
    for (int round = 0; round < 3; round++) {
      Path dir = Files.createDirectories(home.resolve("r" + round));
      ChildJvm run = crashDag(dir, "run", newRun(dir, "r"));
      assertThat(awaitSide(dir, "started extract")).isTrue();
      run.process().destroyForcibly(); // kill -9: its lock goes with it
      run.exitStatus();
      int before = sideLines(dir).size();
      ChildJvm a = crashDag(dir, "a", resume(dir, "r"));
      ChildJvm b = crashDag(dir, "b", resume(dir, "r"));
      // The first to begin its run is frozen there, so that the other surely comes while it runs.
      ChildJvm running = null;
      while (running == null) {
        running =
            a.output().contains("running dag") ? a : b.output().contains("running dag") ? b : null;
        Thread.sleep(1);
      }
      ChildJvm other = running == a ? b : a;
      signal("STOP", running);
      try {
        assertThat(other.exitStatus()).as(other.output()).isEqualTo(2);
        assertThat(other.output())
            .contains("is being run by another process")
            .doesNotContain("\tat ");
      } finally {
        signal("CONT", running);
      }
      assertThat(running.exitStatus()).as(running.output()).isZero();
      List<String> lines = sideLines(dir);
      assertThat(starts(lines.subList(before, lines.size())).values())
          .as("starts per task after the kill")
          .allMatch(count -> count == 1);
    }
  }

  /** A JVM running the generated main of CrashDag with {@code args}. */
  private static ChildJvm crashDag(Path dir, String name, List<String> args) throws IOException {
    return ChildJvm.start(dir, name, ProcessFlowCrashDag.class, args);
  }

  private static void signal(String signal, ChildJvm jvm) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(jvm.process().pid()))
            .inheritIO()
            .start();
    assertThat(kill.waitFor()).isZero();
  }

  @Test
  void aKillAtARandomMomentOfTheStartLeavesNoJournalOrOneThatResumes() throws Exception {
    Random random = new Random(20261130L);
    int withJournal = 0;
    for (int round = 0; round < 14; round++) {
      Path dir = Files.createDirectories(home.resolve("k" + round));
      ChildJvm run = crashDag(dir, "run", newRun(dir, "r"));
      // "running dag" is logged right before the journal is created (the JVM still loads the
      // classes that write it): kill in the following moments, before, during or after it.
      assertThat(run.awaitOutput("running dag " + DAG)).isTrue();
      Thread.sleep(random.nextInt(1500));
      run.process().destroyForcibly();
      run.exitStatus();
      Path journal = dir.resolve("runs").resolve(DAG).resolve("r.jsonl");
      List<String> again;
      if (Files.exists(journal)) {
        withJournal++;
        assertThat(Files.readAllLines(journal).get(0))
            .as("the journal starts with its header")
            .contains("\"type\":\"journal_header\"");
        again = new ArrayList<>(List.of("run", DAG));
        again.addAll(resume(dir, "r"));
      } else {
        again = new ArrayList<>(List.of("run", DAG));
        again.addAll(newRun(dir, "r"));
      }
      assertThat(Launcher.execute(List.of(new ProcessFlowCrashDag()), again.toArray(String[]::new)))
          .as("after a kill at the start, round " + round + ": " + again)
          .isZero();
      try (var files = Files.list(dir.resolve("runs").resolve(DAG))) {
        assertThat(files.map(file -> file.getFileName().toString()))
            .as(
                "journal, lock file, the run's task logs, and temporary files only of killed starts")
            .allMatch(
                name ->
                    name.equals("r.jsonl")
                        || name.equals("r.jsonl.lock")
                        || name.equals("r")
                        || name.endsWith(".tmp"));
      }
    }
    System.out.printf("kills at the start: %d of 14 left a journal%n", withJournal);
    assertThat(withJournal).as("kills that landed after the journal was created").isPositive();
  }

  @Test
  void sigtermRightAfterASuccessfulRunKeepsStatusZeroAndTheSummary() throws Exception {
    for (int round = 0; round < 5; round++) {
      Path dir = Files.createDirectories(home.resolve("t" + round));
      ChildJvm run = crashDag(dir, "run", newRun(dir, "t"));
      assertThat(run.awaitOutput("run t finished: success")).as(run.output()).isTrue();
      run.process().destroy(); // SIGTERM
      assertThat(run.exitStatus()).as(run.output()).isZero();
      assertThat(run.output()).containsPattern("done +success");
    }
  }

  private static boolean awaitSide(Path dir, String line) throws Exception {
    for (int i = 0; i < 60_000; i++) {
      if (sideLines(dir).contains(line)) {
        return true;
      }
      Thread.sleep(1);
    }
    return false;
  }

  private static List<String> sideLines(Path dir) throws Exception {
    Path side = dir.resolve("side.log");
    return Files.exists(side) ? Files.readAllLines(side) : List.of();
  }

  private static Map<String, Integer> starts(Path dir) throws Exception {
    return starts(sideLines(dir));
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
}

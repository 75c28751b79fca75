package io.processflow.samples.annotated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunLock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launcher says when a run's journal cannot be used: a message naming the thing and the
 * way out, and exit status 2 before any task runs (never a stack trace and exit 1); a full disk in
 * the middle of a run ends it failed, with its summary and a message.
 */
class JournalCliErrorsTest {
  @TempDir Path home;

  /** Asserts a clean error: status 2 and a message, no stack trace. */
  private static CliRun cleanError(CliRun run) {
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    return run;
  }

  private static CliRun launch(String... args) {
    return CliRun.launch(List.of(new ProcessFlowEtlDag()), args);
  }

  private static CliRun launch(List<DagProvider> providers, String... args) {
    return CliRun.launch(providers, args);
  }

  @Test
  void aRunsDirectoryThatCannotHoldJournalsIsAMessage() throws IOException {
    Path file = Files.writeString(home.resolve("a-file"), "x");
    assertThat(cleanError(launch("run", "etl", "--runs-dir", file.toString())).err())
        .contains(file.toString())
        .contains("Not a directory");
    assertThat(cleanError(launch("run", "etl", "--runs-dir", "/dev/null")).err())
        .contains("/dev/null")
        .contains("Not a directory");
    Path longName = home.resolve("d".repeat(300));
    assertThat(cleanError(launch("run", "etl", "--runs-dir", longName.toString())).err())
        .contains("File name too long");
  }

  @Test
  void aRunsDirectoryThatCannotBeWrittenIsAMessage() throws Exception {
    Path readOnly = Files.createDirectories(home.resolve("ro"));
    // As root, permissions do not stop a write: a read-only mount does.
    boolean mounted = mount(readOnly, "ro,size=64k");
    if (!mounted) {
      assumeTrue(
          readOnly.toFile().setWritable(false) && !Files.isWritable(readOnly),
          "cannot make a read-only directory");
    }
    try {
      CliRun outcome = cleanError(launch("run", "etl", "--runs-dir", readOnly.toString()));
      assertThat(outcome.err())
          .contains(readOnly.toString())
          .containsAnyOf("Read-only file system", "permission denied");
    } finally {
      if (mounted) {
        unmount(readOnly);
      }
    }
  }

  @Test
  void aJournalThatIsADirectoryOrHasABadHeaderIsAMessage() throws IOException {
    String dir = home.toString();
    Files.createDirectories(home.resolve("etl/r1.jsonl"));
    assertThat(cleanError(launch("run", "etl", "--runs-dir", dir, "--resume", "r1")).err())
        .contains("r1.jsonl")
        .contains("is not a file");
    assertThat(launch("list-runs", "etl", "--runs-dir", dir).status()).isZero();

    assertThat(launch("run", "etl", "--runs-dir", dir, "--run-id", "r2").status()).isZero();
    Path journal = home.resolve("etl/r2.jsonl");
    List<String> lines = Files.readAllLines(journal);
    Files.write(journal, prepend(lines.get(0).replaceFirst(",\"tasks\":\\[[^\\]]*\\]", ""), lines));
    assertThat(cleanError(launch("run", "etl", "--runs-dir", dir, "--resume", "r2")).err())
        .contains("r2.jsonl:1")
        .contains("the header line has no 'tasks'");
    Files.write(
        journal, prepend(lines.get(0).replace("\"dagId\":\"etl\"", "\"dagId\":null"), lines));
    assertThat(cleanError(launch("run", "etl", "--runs-dir", dir, "--resume", "r2")).err())
        .contains("the header line has no 'dagId'");
  }

  private static List<String> prepend(String header, List<String> lines) {
    List<String> changed = new java.util.ArrayList<>(lines);
    changed.set(0, header);
    return changed;
  }

  @Test
  void overlongIdsAreMessagesAndRunIdsUpToAirflowsLimitWork() {
    String dir = home.toString();
    CliRun tooLong =
        cleanError(launch("run", "etl", "--runs-dir", dir, "--run-id", "r".repeat(251)));
    assertThat(tooLong.err()).contains("is invalid: a run id is 1 to 250 characters");
    assertThat(
            cleanError(launch("run", "etl", "--runs-dir", dir, "--resume", "r".repeat(300))).err())
        .contains("is invalid: a run id is 1 to 250 characters");

    String longest = "é".repeat(250); // 500 bytes in UTF-8, 250 characters
    assertThat(launch("run", "etl", "--runs-dir", dir, "--run-id", longest).status()).isZero();
    assertThat(launch("run", "etl", "--runs-dir", dir, "--resume", longest).status()).isZero();
    assertThat(cleanError(launch("run", "etl", "--runs-dir", dir, "--run-id", longest)).err())
        .contains("already has a journal");

    String hugeDagId = "d".repeat(10_000);
    assertThat(cleanError(launch("run", hugeDagId)).err()).contains("Unknown DAG id");
    assertThat(cleanError(launch("list-runs", hugeDagId, "--runs-dir", dir)).err())
        .contains("Unknown DAG id");
  }

  @Test
  void reRunningALogicalDateThatHasARunNamesTheRunAndTheWayOut() {
    String dir = home.toString();
    assertThat(launch("run", "etl", "--runs-dir", dir, "--logical-date", "2024-01-31").status())
        .isZero();
    CliRun again =
        cleanError(launch("run", "etl", "--runs-dir", dir, "--logical-date", "2024-01-31"));
    assertThat(again.err())
        .contains("run 'manual__2024-01-31T00:00:00+00:00' of DAG 'etl' already has a journal")
        .contains("--resume manual__2024-01-31T00:00:00+00:00")
        .contains("--run-id");
    assertThat(again.out()).doesNotContainPattern("extract +\\w+ +\\d");
  }

  @Test
  void aRunLockedByAnotherHolderIsRefusedBeforeAnyTaskRuns() {
    String dir = home.toString();
    assertThat(launch("run", "etl", "--runs-dir", dir, "--run-id", "r1").status()).isZero();
    try (RunLock lock = Journals.in(home).lock("etl", "r1")) {
      CliRun resume = cleanError(launch("run", "etl", "--runs-dir", dir, "--resume", "r1"));
      assertThat(resume.err())
          .contains(
              "run 'r1' of DAG 'etl' is being run by another process (pid "
                  + ProcessHandle.current().pid())
          .contains("Wait for it to end");
      assertThat(resume.out()).doesNotContainPattern("extract +\\w+ +\\d");
    }
    assertThat(launch("run", "etl", "--runs-dir", dir, "--resume", "r1").status()).isZero();
    assertThat(launch("run", "etl", "--runs-dir", dir, "--resume", "r1").status())
        .as("the lock is released")
        .isZero();
  }

  @Test
  void aJournalLeftWithoutItsHeaderByAnOlderVersionIsReplacedByANewRun() throws IOException {
    Files.createDirectories(home.resolve("etl"));
    Files.createFile(home.resolve("etl/r1.jsonl"));
    assertThat(launch("run", "etl", "--runs-dir", home.toString(), "--run-id", "r1").status())
        .isZero();
    assertThat(Files.readAllLines(home.resolve("etl/r1.jsonl")).get(0)).contains("journal_header");
    assertThat(Files.getPosixFilePermissions(home.resolve("etl/r1.jsonl")))
        .as("a journal others may read, as the umask allows")
        .contains(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_READ);
  }

  @Test
  void aFullDiskAtTheStartLeavesNoJournalAndTheRunIdStaysUsable() throws Exception {
    Path disk = Files.createDirectories(home.resolve("disk"));
    assumeTrue(mount(disk, "size=64k"), "needs a tmpfs mount (root)");
    try {
      Path filler = disk.resolve("filler");
      fill(filler);
      CliRun full =
          cleanError(
              launch(
                  "run", "etl", "--runs-dir", disk.resolve("runs").toString(), "--run-id", "r1"));
      assertThat(full.err()).contains("No space left on device");
      assertThat(disk.resolve("runs/etl/r1.jsonl")).doesNotExist();
      Files.delete(filler);
      assertThat(
              launch("run", "etl", "--runs-dir", disk.resolve("runs").toString(), "--run-id", "r1")
                  .status())
          .isZero();
    } finally {
      unmount(disk);
    }
  }

  @Test
  void aFullDiskInTheMiddleOfARunEndsItFailedWithItsSummaryAndAMessage() throws Exception {
    Path disk = Files.createDirectories(home.resolve("disk"));
    assumeTrue(mount(disk, "size=64k"), "needs a tmpfs mount (root)");
    try {
      Path filler = disk.resolve("filler");
      AtomicBoolean filled = new AtomicBoolean();
      DagBuilder dag = DagBuilder.dag("filling");
      // Its output needs more pages than the journal has: the line recording its success cannot
      // be written.
      dag.task("fill", ctx -> (filled.getAndSet(true) ? 0 : fill(filler)) + "x".repeat(20_000))
          .then(dag.task("after", ctx -> "never"));
      DagProvider filling = DagProvider.of(dag.build());
      CliRun outcome =
          launch(
              List.of(filling),
              "run",
              "filling",
              "--runs-dir",
              disk.resolve("runs").toString(),
              "--run-id",
              "r1");
      assertThat(outcome.status()).as(outcome.err()).isEqualTo(1);
      assertThat(outcome.out()).containsPattern("fill +\\w+ +1 ").containsPattern("after +none");
      assertThat(outcome.err())
          .contains("Run r1 stopped: Cannot append to the run journal")
          .contains("No space left on device")
          .contains("--resume r1")
          .doesNotContain("reducer")
          .doesNotContain("\tat ");
      Files.delete(filler);
      CliRun resumed =
          launch(
              List.of(filling),
              "run",
              "filling",
              "--runs-dir",
              disk.resolve("runs").toString(),
              "--resume",
              "r1");
      assertThat(resumed.status()).as(resumed.err() + resumed.out()).isZero();
    } finally {
      unmount(disk);
    }
  }

  /** Writes {@code file} until the disk is full; returns how many bytes went in. */
  private static long fill(Path file) {
    long written = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] block = new byte[1024];
      while (true) {
        out.write(block);
        out.flush();
        written += block.length;
      }
    } catch (IOException full) {
      return written;
    }
  }

  private static boolean mount(Path dir, String options) throws Exception {
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
            .redirectErrorStream(true)
            .start();
    return mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
  }

  private static void unmount(Path dir) throws Exception {
    new ProcessBuilder("umount", "-l", dir.toString())
        .inheritIO()
        .start()
        .waitFor(10, TimeUnit.SECONDS);
  }
}

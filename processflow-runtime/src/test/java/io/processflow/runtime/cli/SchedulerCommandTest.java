package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.ProcessLock;
import io.processflow.runtime.journal.RunSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scheduler}: its runs, one scheduler per runs directory, and a classpath without schedules.
 */
class SchedulerCommandTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2024-03-15T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path runsDir;

  private static DagProvider provider(String id, String schedule) {
    DagBuilder builder = DagBuilder.dag(id);
    if (schedule != null) {
      builder.schedule(schedule).startDate("2024-01-01").catchup(true);
    }
    builder.task("a", ctx -> null);
    return DagProvider.of(builder.build());
  }

  /** The scheduler on {@link #runsDir} for {@code loops} loops, without fsync. */
  private CommandRuns schedule(List<DagProvider> dags, String loops, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("--runs-dir", runsDir.toString(), "--num-runs", loops, "--no-fsync"));
    args.addAll(List.of(more));
    return CommandRuns.execute(new SchedulerCommand(dags, NOW), args.toArray(String[]::new));
  }

  @Test
  void startsTheDueRunsOfScheduledDagsAndListRunsShowsThem() {
    List<DagProvider> dags = List.of(provider("monthly", "@monthly"), provider("manual", null));
    CommandRuns run = schedule(dags, "1");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("scheduler on " + runsDir + ": monthly")
        .contains("started monthly scheduled__2024-03-01T00:00:00+00:00")
        .containsPattern(
            "ended monthly scheduled__2024-01-01T00:00:00\\+00:00: success in \\d+\\.\\d{3}s");
    assertThat(Journals.in(runsDir).runs("monthly"))
        .extracting(RunSummary::runId)
        .containsExactlyInAnyOrder(
            "scheduled__2024-01-01T00:00:00+00:00",
            "scheduled__2024-02-01T00:00:00+00:00",
            "scheduled__2024-03-01T00:00:00+00:00");

    CommandRuns list =
        CommandRuns.execute(new ListRunsCommand(dags), "monthly", "--runs-dir", runsDir.toString());
    assertThat(list.out())
        .containsPattern("run_id +run_type +logical_date +start +end +duration +state")
        .containsPattern(
            "scheduled__2024-02-01T00:00:00\\+00:00 +scheduled +2024-02-01T00:00:00\\+00:00 +\\S+ +\\S+ +\\d+\\.\\d{3}s +success");

    CommandRuns again = schedule(dags, "2");
    assertThat(again.out()).as("restarted: nothing runs twice").doesNotContain("started");
  }

  @Test
  void withNoTaskLogsItsRunsAreRecordedWithoutATryLog() {
    List<DagProvider> dags = List.of(provider("monthly", "@monthly"));
    CommandRuns run = schedule(dags, "1", "--no-task-logs");
    assertThat(run.status()).as(run.err()).isZero();
    Journals journals = Journals.in(runsDir);
    assertThat(journals.runs("monthly"))
        .hasSize(3)
        .allSatisfy(
            recorded -> {
              assertThat(journals.runDir("monthly", recorded.runId())).doesNotExist();
              assertThat(journals.views().keptNoTaskLogs("monthly", recorded.runId())).isTrue();
            });
  }

  @Test
  void aSecondSchedulerOnARunsDirectoryExitsWith2NamingTheFirst() {
    try (ProcessLock first = ProcessLock.scheduler(runsDir)) {
      CommandRuns second =
          CommandRuns.execute(
              new SchedulerCommand(List.of(provider("monthly", "@monthly")), NOW),
              "--runs-dir",
              runsDir.toString());
      assertThat(second.status()).isEqualTo(2);
      assertThat(second.err())
          .contains("another scheduler is running on runs directory " + runsDir)
          .contains("(pid " + ProcessHandle.current().pid());
    }
  }

  @Test
  void noScheduledDagIsAUsageError() {
    CommandRuns none =
        CommandRuns.execute(
            new SchedulerCommand(List.of(provider("manual", null)), NOW),
            "--runs-dir",
            runsDir.toString());
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).contains("No scheduled DAG on the classpath");
  }
}

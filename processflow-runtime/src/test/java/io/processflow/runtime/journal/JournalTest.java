package io.processflow.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.OutputType;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.ResumePlan;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  record Order(String id, int cents) {}

  record Summary(String customer, List<Order> orders, long total) {}

  /** An output Jackson can write but not read back. */
  static final class Opaque {
    private final int value;

    Opaque(int value) {
      this.value = value;
    }

    public int getValue() {
      return value;
    }
  }

  @TempDir Path runsDir;

  private final DagRunner runner = DagRunner.builder().workerThreads(2).maxActiveTasks(2).build();
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  @AfterEach
  void close() {
    runner.close();
  }

  private Object ran(String taskId, Object output) {
    runs.computeIfAbsent(taskId, id -> new AtomicInteger()).incrementAndGet();
    if (failing.contains(taskId)) {
      throw new IllegalStateException(taskId + " fails on purpose");
    }
    return output;
  }

  private int runsOf(String taskId) {
    AtomicInteger count = runs.get(taskId);
    return count == null ? 0 : count.get();
  }

  /**
   * extract -> [totals, summary, count] -> load, with typed outputs of every kind the journal
   * keeps.
   */
  private DagDefinition typedDag(String... extraTasks) {
    DagBuilder dag = DagBuilder.dag("typed");
    TaskHandle extract =
        dag.task(
                "extract",
                ctx -> ran("extract", List.of(new Order("o-1", 1250), new Order("o-2", 9900))))
            .outputType(new OutputType<List<Order>>() {});
    TaskHandle totals =
        dag.task(
                "totals",
                ctx -> {
                  Map<String, Integer> byId = new TreeMap<>();
                  for (Order order : ctx.<List<Order>>xcomPull("extract")) {
                    byId.put(order.id(), order.cents());
                  }
                  return ran("totals", byId);
                })
            .outputType(new OutputType<Map<String, Integer>>() {});
    TaskHandle summary =
        dag.task(
                "summary",
                ctx -> {
                  List<Order> orders = ctx.xcomPull("extract");
                  return ran(
                      "summary",
                      new Summary("ada", orders, orders.stream().mapToLong(Order::cents).sum()));
                })
            .outputType(Summary.class);
    TaskHandle count =
        dag.task("count", ctx -> ran("count", (long) ctx.<List<Order>>xcomPull("extract").size()))
            .outputType(long.class);
    TaskHandle load =
        dag.task(
            "load",
            ctx -> {
              Summary s = ctx.xcomPull("summary");
              long n = ctx.<Long>xcomPull("count");
              Map<String, Integer> t = ctx.xcomPull("totals");
              return ran(
                  "load",
                  s.customer()
                      + " "
                      + n
                      + " "
                      + s.total()
                      + " "
                      + t
                      + " "
                      + Set.of(s.orders().get(0)));
            });
    extract.then(totals, summary, count).then(load);
    for (String extra : extraTasks) {
      dag.task(extra, ctx -> ran(extra, extra)).after(load);
    }
    return dag.build();
  }

  private RunConfig.Builder journaled(String runId) {
    return RunConfig.builder().runId(runId).recorder(Journals.in(runsDir).recorder(true));
  }

  private RunResult resume(DagDefinition dag, String runId, String... clear) {
    RecordedRun recorded = Journals.in(runsDir).read(dag, runId);
    ResumePlan plan = Resumes.plan(dag, recorded, List.of(clear));
    return runner.run(
        dag,
        journaled(runId)
            .logicalDate(recorded.first().logicalDate())
            .params(recorded.first().params())
            .resume(plan)
            .build());
  }

  private RunState replay(DagDefinition dag, String runId) {
    RecordedRun recorded = Journals.in(runsDir).read(dag, runId);
    return Resumes.plan(dag, recorded, List.of()).replay(dag, runId);
  }

  private static void assertSameState(RunState replayed, RunState original) {
    assertThat(replayed.state()).isEqualTo(original.state());
    assertThat(replayed.startDate()).isEqualTo(original.startDate());
    assertThat(replayed.endDate()).isEqualTo(original.endDate());
    assertThat(replayed.tasks()).containsExactlyElementsOf(original.tasks());
    assertThat(replayed.appState()).isEqualTo(original.appState());
  }

  @Test
  void everyActionIsJournaledAndAReplayReproducesTheFinalState() throws IOException {
    DagDefinition dag = typedDag();
    List<String> dispatched = java.util.Collections.synchronizedList(new ArrayList<>());
    io.processflow.api.store.Middleware<RunState> record =
        store ->
            next ->
                action -> {
                  dispatched.add(io.processflow.runtime.internal.json.Json.writeAction(action));
                  return next.dispatch(action);
                };
    RunResult result = runner.run(dag, journaled("r1").middleware(record).build());
    assertThat(result.succeeded()).isTrue();

    Path file = Journals.in(runsDir).file("typed", "r1");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).startsWith("{\"type\":\"journal_header\"");
    // The header, then every action the store saw, in order (the journal adds outputs' types): the
    // run's running and end, and for each task the states it waited in, running and success.
    assertThat(lines.subList(1, lines.size()))
        .map(line -> line.replaceAll(",\"outputType\":\"[^\"]*\"", ""))
        .containsExactlyElementsOf(dispatched);
    assertThat(lines)
        .filteredOn(l -> l.contains("\"state\":\"running\""))
        .hasSize(1 + dag.taskCount());
    assertThat(lines)
        .filteredOn(l -> l.contains("\"taskId\":\"extract\"") && l.contains("success"))
        .singleElement()
        .asString()
        .contains(
            "\"outputType\":\"java.util.List<io.processflow.runtime.journal.JournalTest$Order>\"");

    RunState replayed = replay(dag, "r1");
    assertSameState(replayed, result.finalState());
    assertThat(replayed.task("summary").output()).isInstanceOf(Summary.class);
    assertThat(replayed.task("count").output()).isEqualTo(2L);
  }

  @Test
  void aResumeKeepsTheTasksThatSucceededWithTheirTypedOutputsAndRunsTheRest() {
    DagDefinition dag = typedDag();
    failing.add("count");
    RunResult first = runner.run(dag, journaled("r1").build());
    assertThat(first.state()).isEqualTo(DagRunState.FAILED);
    assertThat(first.task("load").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    String loadInput = "ada 2 11150 {o-1=1250, o-2=9900} [Order[id=o-1, cents=1250]]";

    failing.clear();
    RunResult resumed = resume(dag, "r1");

    assertThat(resumed.succeeded()).isTrue();
    assertThat(resumed.runId()).isEqualTo("r1");
    assertThat(runsOf("extract")).isEqualTo(1);
    assertThat(runsOf("totals")).isEqualTo(1);
    assertThat(runsOf("summary")).isEqualTo(1);
    assertThat(runsOf("count")).isEqualTo(2);
    assertThat(runsOf("load")).isEqualTo(1);
    assertThat(resumed.task("load").output()).isEqualTo(loadInput);
    assertThat(resumed.task("extract").tryNumber()).isEqualTo(1);
    assertThat(resumed.task("extract").startDate()).isEqualTo(first.task("extract").startDate());
    assertThat(resumed.task("count").tryNumber()).isEqualTo(2);

    assertSameState(replay(dag, "r1"), resumed.finalState());
    assertThat(Journals.in(runsDir).runs("typed"))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.runId()).isEqualTo("r1");
              assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
              assertThat(run.resumes()).isEqualTo(1);
              assertThat(run.start()).isEqualTo(first.finalState().startDate());
              assertThat(run.end()).isEqualTo(resumed.finalState().endDate());
            });
  }

  @Test
  void aResumeOfASuccessfulRunRunsNothingAndClearRunsATaskAndItsDownstream() {
    DagDefinition dag = typedDag();
    runner.run(dag, journaled("r1").build());

    RunResult again = resume(dag, "r1");
    assertThat(again.succeeded()).isTrue();
    assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));

    RunResult cleared = resume(dag, "r1", "summary");
    assertThat(cleared.succeeded()).isTrue();
    assertThat(runsOf("summary")).isEqualTo(2);
    assertThat(runsOf("load")).isEqualTo(2);
    assertThat(runsOf("extract")).isEqualTo(1);
    assertThat(runsOf("count")).isEqualTo(1);
    assertSameState(replay(dag, "r1"), cleared.finalState());

    assertThatThrownBy(() -> resume(dag, "r1", "sumary"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown task 'sumary' to clear");
  }

  @Test
  void anOutputTheJournalCannotKeepFailsTheTaskThatReturnedItUnlessTheTaskIsNotResumable() {
    DagBuilder dag = DagBuilder.dag("opaque");
    dag.task("make", ctx -> ran("make", new Opaque(7)))
        .then(dag.task("use", ctx -> ran("use", ctx.<Opaque>xcomPull("make").getValue())));
    RunResult result = runner.run(dag.build(), journaled("r1").build());
    assertThat(result.task("make").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("make").error().message())
        .contains("task 'make' returned a io.processflow.runtime.journal.JournalTest$Opaque")
        // The way out for both kinds of user: the annotation and the DSL method.
        .contains("@Task(resumable = false)")
        .contains("TaskHandle.resumable(false)");
    assertThat(result.task("use").state()).isEqualTo(TaskState.UPSTREAM_FAILED);

    DagBuilder marked = DagBuilder.dag("opaque");
    marked
        .task("make", ctx -> ran("make", new Opaque(7)))
        .resumable(false)
        .then(marked.task("use", ctx -> ran("use", ctx.<Opaque>xcomPull("make").getValue())));
    DagDefinition dag2 = marked.build();
    assertThat(runner.run(dag2, journaled("r2").build()).succeeded()).isTrue();
    RunResult resumed = resume(dag2, "r2");
    assertThat(resumed.succeeded()).isTrue();
    assertThat(runsOf("make")).isEqualTo(3); // failed in r1, ran in r2 and again on the resume
    assertThat(runsOf("use")).isEqualTo(1);
  }

  @Test
  void aTornLastLineIsIgnoredWithAWarningAndDroppedWhenTheRunResumes() throws IOException {
    DagDefinition dag = typedDag();
    failing.add("load");
    runner.run(dag, journaled("r1").build());
    Path file = Journals.in(runsDir).file("typed", "r1");
    int lines = Files.readAllLines(file).size();
    Files.writeString(
        file,
        "{\"type\":\"operation_status_update\",\"runId\":\"r1\",\"ta",
        StandardOpenOption.APPEND);

    RecordedRun recorded = JournalReader.read(file);
    assertThat(recorded.warnings())
        .singleElement()
        .asString()
        .contains(file + ":" + (lines + 1) + ": ignoring a torn last line");
    assertThat(recorded.actions()).hasSize(lines - 1);

    failing.clear();
    assertThat(resume(dag, "r1").succeeded()).isTrue();
    assertThat(JournalReader.read(file).warnings()).isEmpty();
    assertThat(runsOf("load")).isEqualTo(2);
  }

  @Test
  void aCorruptLineThatIsNotTheLastStopsTheResumeNamingFileAndLine() throws IOException {
    DagDefinition dag = typedDag();
    runner.run(dag, journaled("r1").build());
    Path file = Journals.in(runsDir).file("typed", "r1");
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(4, lines.get(4).substring(0, 20) + "#garbage");
    Files.write(file, lines, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> resume(dag, "r1"))
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith(file + ":5: corrupt line")
        .hasMessageContaining("only the last line of a journal may be torn");
  }

  @Test
  void aResumeWithAChangedDagRunsNewTasksAndMarksRemovedOnesRemoved() {
    failing.add("load");
    RunResult first = runner.run(typedDag("old_report"), journaled("r1").build());
    assertThat(first.task("old_report").state()).isEqualTo(TaskState.UPSTREAM_FAILED);

    failing.clear();
    DagDefinition changed = typedDag("new_report");
    RunResult resumed = resume(changed, "r1");

    assertThat(resumed.succeeded()).isTrue();
    assertThat(resumed.task("new_report").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(resumed.task("old_report").state()).isEqualTo(TaskState.REMOVED);
    assertThat(resumed.tasks()).extracting(t -> t.taskId()).endsWith("new_report", "old_report");
    assertThat(resumed.summaryTable()).containsPattern("old_report +removed");
    assertThat(runsOf("old_report")).isZero();
    assertSameState(replay(changed, "r1"), resumed.finalState());
  }

  @Test
  void aNewRunWithTheIdOfARecordedRunIsAnErrorThatSuggestsResume() {
    DagDefinition dag = typedDag();
    runner.run(dag, journaled("r1").build());
    assertThatThrownBy(() -> runner.run(dag, journaled("r1").build()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("already has a journal")
        .hasMessageContaining("--resume r1");
  }

  @Test
  void aResumedTaskGetsItsRetriesAgainAndItsTryNumbersGoOn() {
    DagBuilder builder = DagBuilder.dag("flaky");
    builder
        .task("flaky", ctx -> ran("flaky", ctx.tryNumber()))
        .retries(1)
        .retryDelay(java.time.Duration.ofMillis(1));
    DagDefinition dag = builder.build();
    failing.add("flaky");
    RunResult first = runner.run(dag, journaled("r1").build());
    assertThat(first.task("flaky").state()).isEqualTo(TaskState.FAILED);
    assertThat(first.task("flaky").tryNumber()).isEqualTo(2);

    RunResult again = resume(dag, "r1");
    assertThat(again.task("flaky").state()).isEqualTo(TaskState.FAILED);
    assertThat(again.task("flaky").tryNumber()).isEqualTo(4);
    assertThat(runsOf("flaky")).isEqualTo(4);

    failing.clear();
    RunResult fixed = resume(dag, "r1");
    assertThat(fixed.succeeded()).isTrue();
    assertThat(fixed.task("flaky").output()).isEqualTo(5);
  }

  @Test
  void aReplayReproducesTheAppStateOfTheDagsOwnReducerAndActions() {
    DagBuilder builder = DagBuilder.dag("stateful");
    Map<String, Object> initial = Map.of("notes", 0, "succeeded", 0, "last", "");
    builder.<Map<String, Object>>reducer(
        (current, action) -> {
          if (action.type().equals("note")) {
            Map<String, Object> next = new TreeMap<>(current);
            next.put("notes", ((Number) current.get("notes")).intValue() + 1);
            next.put(
                "last", ((io.processflow.api.store.SimpleAction) action).payload().get("text"));
            return next;
          }
          if (action instanceof TaskStatusUpdate update && update.state() == TaskState.SUCCESS) {
            Map<String, Object> next = new TreeMap<>(current);
            next.put("succeeded", ((Number) current.get("succeeded")).intValue() + 1);
            return next;
          }
          return current;
        },
        initial);
    builder
        .task(
            "a",
            ctx ->
                ctx.store()
                    .dispatch(io.processflow.api.store.Action.of("note", Map.of("text", "from a")))
                    .type())
        .then(
            builder.task(
                "b",
                ctx ->
                    ctx.store()
                        .dispatch(
                            io.processflow.api.store.Action.of("note", Map.of("text", "from b")))
                        .type()));
    DagDefinition dag = builder.build();
    RunResult result = runner.run(dag, journaled("r1").build());
    assertThat(result.finalState().appState())
        .isEqualTo(Map.of("notes", 2, "succeeded", 2, "last", "from b"));
    assertSameState(replay(dag, "r1"), result.finalState());
  }

  @Test
  void withoutSyncTheJournalIsTheSame() throws IOException {
    DagDefinition dag = typedDag();
    RunResult result =
        runner.run(
            dag,
            RunConfig.builder().runId("r1").recorder(Journals.in(runsDir).recorder(false)).build());
    assertSameState(replay(dag, "r1"), result.finalState());
    assertThat(JournalReader.read(Journals.in(runsDir).file("typed", "r1")).actions())
        .filteredOn(a -> a instanceof TaskStatusUpdate u && u.state() == TaskState.SUCCESS)
        .hasSize(dag.taskCount());
  }

  @Test
  void aResumeReappliesABranchDecisionOnceSoTheJoinWaitsForTheFollowedTask() {
    DagBuilder builder = DagBuilder.dag("branched");
    TaskHandle start = builder.branch("start", ctx -> ran("start", "a"));
    TaskHandle a = builder.task("a", ctx -> ran("a", "A"));
    TaskHandle b = builder.task("b", ctx -> ran("b", "B"));
    TaskHandle join =
        builder
            .task("join", ctx -> ran("join", "joined"))
            .triggerRule(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS);
    start.then(a, b).then(join);
    DagDefinition dag = builder.build();
    failing.add("a");
    assertThat(runner.run(dag, journaled("r1").build()).task("join").state())
        .isEqualTo(TaskState.UPSTREAM_FAILED);
    failing.clear();

    RunResult resumed = resume(dag, "r1");

    assertThat(resumed.task("b").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(resumed.task("a").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(resumed.task("join").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(runsOf("start")).isEqualTo(1);
    assertThat(runsOf("join")).isEqualTo(1);
  }

  @Test
  void aResumeReappliesAShortCircuitOnceBesideAFailedTask() {
    DagBuilder builder = DagBuilder.dag("short");
    builder
        .shortCircuit("sc", ctx -> ran("sc", false))
        .then(builder.task("x1", ctx -> ran("x1", 1)))
        .then(builder.task("x2", ctx -> ran("x2", 2)));
    builder.task("f", ctx -> ran("f", "F"));
    DagDefinition dag = builder.build();
    failing.add("f");
    runner.run(dag, journaled("r1").build());
    failing.clear();

    RunResult resumed = resume(dag, "r1");

    assertThat(resumed.succeeded()).isTrue();
    assertThat(resumed.task("x1").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(resumed.task("x2").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(resumed.task("f").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(runsOf("sc")).isEqualTo(1);
  }

  @Test
  void aTaskInterruptedByItsTimeoutCanStillDispatchWithoutBreakingTheJournal() {
    DagBuilder builder = DagBuilder.dag("interrupted");
    builder
        .task(
            "slow",
            ctx -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // keeps the flag set, as well-behaved code does
                ctx.store().dispatch(io.processflow.api.store.Action.of("cleaned_up"));
              }
              return null;
            })
        .executionTimeout(java.time.Duration.ofMillis(200));
    builder.task("after", ctx -> ran("after", "ok"));
    DagDefinition dag = builder.build();

    io.processflow.runtime.execution.RunHandle run = runner.start(dag, journaled("r1").build());
    RunResult result = run.result().join();
    // The body dispatches once interrupted, maybe after the run's end: wait for it, so that the
    // journal is whole and nothing writes into the temporary directory once the test is over.
    run.terminated().join();

    assertThat(result.task("slow").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("after").state()).isEqualTo(TaskState.SUCCESS);
    assertSameState(replay(dag, "r1"), result.finalState());
  }
}

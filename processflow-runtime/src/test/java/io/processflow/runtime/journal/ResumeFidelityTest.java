package io.processflow.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.OutputType;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume gives downstream tasks exactly what was produced, in value and type; an output that
 * would not come back so fails its task when produced, naming the task and the type.
 */
class ResumeFidelityTest {
  record Item(String name, BigDecimal price) {}

  record Box<T>(T value) {}

  record Priced(BigDecimal amount, List<BigDecimal> history) {}

  record WithArray(int[] values) {}

  @TempDir Path runsDir;

  private final DagRunner runner = DagRunner.builder().workerThreads(2).build();
  private int runs;

  @AfterEach
  void close() {
    runner.close();
  }

  /**
   * {@code make} (of {@code type}) returns {@code value}; {@code use} fails in the first run and,
   * in the resume, receives {@code make}'s output from the journal: returned here.
   */
  private Object resumedInput(Object value, Type type) {
    AtomicBoolean fail = new AtomicBoolean(true);
    AtomicReference<Object> seen = new AtomicReference<>();
    DagBuilder builder = DagBuilder.dag("fidelity");
    builder
        .task("make", ctx -> value)
        .outputType(type)
        .then(
            builder.task(
                "use",
                ctx -> {
                  if (fail.get()) {
                    throw new IllegalStateException("fails once");
                  }
                  seen.set(ctx.xcomPull("make"));
                  return "used";
                }));
    DagDefinition dag = builder.build();
    String runId = "r" + runs++;
    RunResult first = runner.run(dag, journaled(runId));
    assertThat(first.task("make").state())
        .as("make: %s", first.task("make").error())
        .isEqualTo(TaskState.SUCCESS);
    fail.set(false);
    RecordedRun recorded = Journals.in(runsDir).read(dag, runId);
    RunResult resumed =
        runner.run(
            dag,
            RunConfig.builder()
                .runId(runId)
                .logicalDate(recorded.first().logicalDate())
                .resume(Resumes.plan(dag, recorded, List.of()))
                .recorder(Journals.in(runsDir).recorder(true))
                .build());
    assertThat(resumed.succeeded()).isTrue();
    return seen.get();
  }

  private RunConfig journaled(String runId) {
    return RunConfig.builder().runId(runId).recorder(Journals.in(runsDir).recorder(true)).build();
  }

  /** Runs {@code make} once and returns its failure message (or fails when it succeeded). */
  private String refusal(Object value, Type type) {
    DagBuilder builder = DagBuilder.dag("refused");
    var make = builder.task("make", ctx -> value);
    if (type != null) {
      make.outputType(type);
    }
    builder.task("independent", ctx -> "ok");
    RunResult result = runner.run(builder.build(), journaled("r" + runs++));
    assertThat(result.task("independent").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("make").state()).isEqualTo(TaskState.FAILED);
    return result.task("make").error().message();
  }

  @Test
  void bigDecimalsKeepTheirValueAndScaleAloneAndInsideRecords() {
    BigDecimal big = new BigDecimal("12345678901234567890.1234567890");
    BigDecimal small = new BigDecimal("1.10");
    assertThat(resumedInput(big, BigDecimal.class))
        .isInstanceOf(BigDecimal.class)
        .satisfies(v -> assertThat(((BigDecimal) v).scale()).isEqualTo(10))
        .isEqualTo(big);
    assertThat(resumedInput(small, BigDecimal.class)).isEqualTo(small);
    Priced priced = new Priced(small, List.of(big, new BigDecimal("2.500")));
    assertThat(resumedInput(priced, Priced.class)).isEqualTo(priced);
  }

  @Test
  void aMapOfListsWithAnEmptyGroupComesBackWithItsItems() {
    Map<String, List<Item>> groups = new LinkedHashMap<>();
    groups.put("empty", List.of());
    groups.put(
        "full", List.of(new Item("a", new BigDecimal("1.10")), new Item("b", BigDecimal.TEN)));
    Object back = resumedInput(groups, new OutputType<Map<String, List<Item>>>() {}.type());
    assertThat(back).isEqualTo(groups);
    @SuppressWarnings("unchecked")
    Map<String, List<Item>> typed = (Map<String, List<Item>>) back;
    assertThat(typed.get("full")).allSatisfy(item -> assertThat(item).isInstanceOf(Item.class));
    assertThat(typed.get("empty")).isEmpty();
  }

  @Test
  void aGenericRecordKeepsItsValuesType() {
    Box<Item> box = new Box<>(new Item("boxed", new BigDecimal("0.10")));
    Object back = resumedInput(box, new OutputType<Box<Item>>() {}.type());
    assertThat(back).isEqualTo(box);
    assertThat(((Box<?>) back).value()).isInstanceOf(Item.class);
  }

  @Test
  void aLoneSurrogateAndOtherCharactersSurviveByteForByte() {
    String text = "a\uD800b \uDC00 \uD83D\uDE00 \u00FC \u0000\u001B\b end";
    assertThat(resumedInput(text, String.class)).isEqualTo(text);
    Map<String, String> keyed = Map.of("k\uD800", text);
    assertThat(resumedInput(keyed, new OutputType<Map<String, String>>() {}.type()))
        .isEqualTo(keyed);
  }

  @Test
  void jsonsOwnValuesNeedNoDeclaredTypeAndArraysInRecordsCompareByContent() {
    List<Object> natural = new ArrayList<>(List.of("s", 1, 2.5, true, Map.of("k", List.of(3))));
    natural.add(null);
    assertThat(resumedInput(natural, Object.class)).isEqualTo(natural);
    WithArray array = new WithArray(new int[] {1, 2, 3});
    assertThat(((WithArray) resumedInput(array, WithArray.class)).values())
        .containsExactly(1, 2, 3);
    assertThat(resumedInput(7L, long.class)).isEqualTo(7L);
    java.util.Set<String> ordered = new java.util.LinkedHashSet<>(List.of("z", "a", "m"));
    Object back = resumedInput(ordered, new OutputType<java.util.Set<String>>() {}.type());
    assertThat(back).isEqualTo(ordered).hasToString("[z, a, m]");
  }

  @Test
  void anOutputThatWouldComeBackChangedFailsItsTaskNamingTheTaskAndTheType() {
    assertThat(refusal(new Item("x", BigDecimal.ONE), null))
        .contains("task 'make' returned a " + Item.class.getName())
        .contains("of type java.lang.Object")
        .contains("came back as {name=x, price=1} (java.util.LinkedHashMap)")
        .contains("outputType(")
        .contains("resumable(false)");
    assertThat(refusal(Map.of("n", 5L), new OutputType<Map<String, Object>>() {}.type()))
        .contains("of type java.util.Map<java.lang.String,java.lang.Object>")
        .contains("at [n], 5 (java.lang.Long) came back as 5 (java.lang.Integer)");
    assertThat(refusal(5L, null)).contains("5 (java.lang.Long) came back as 5 (java.lang.Integer)");
    assertThat(
            refusal(
                ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Paris")),
                ZonedDateTime.class))
        .contains("Europe/Paris")
        .contains("came back as");
    assertThat(refusal(List.of(1, 2), new OutputType<java.util.Set<Integer>>() {}.type()))
        .contains("cannot be written and read back");
    assertThat(refusal(String.class, Class.class)).contains("does not load classes by name");
    assertThat(refusal(42, String.class))
        .contains("returned a java.lang.Integer")
        .contains("it is not a java.lang.String");
  }

  @Test
  void anOutputNestedDeeperThanTheJournalReadsFailsOnlyItsTaskAndTheRunResumes() {
    Object deep = "bottom";
    for (int i = 0; i < 1500; i++) {
      deep = List.of(deep);
    }
    assertThat(refusal(deep, null)).contains("Document nesting depth").contains("resumable(false)");

    Object limit = "bottom";
    for (int i = 0; i < JournalJson.MAX_OUTPUT_DEPTH; i++) {
      limit = List.of(limit);
    }
    assertThat(resumedInput(limit, Object.class)).isEqualTo(limit);
  }

  @Test
  void outputsBeyondJacksonsDefaultReadLimitsComeBack() {
    String huge = "x".repeat(20_000_001);
    assertThat(resumedInput(huge, String.class)).isEqualTo(huge);
    java.math.BigInteger digits = new java.math.BigInteger("7".repeat(1_001));
    assertThat(resumedInput(digits, java.math.BigInteger.class)).isEqualTo(digits);
    Map<String, Integer> longKey = Map.of("k".repeat(50_001), 1);
    assertThat(resumedInput(longKey, new OutputType<Map<String, Integer>>() {}.type()))
        .isEqualTo(longKey);
  }
}

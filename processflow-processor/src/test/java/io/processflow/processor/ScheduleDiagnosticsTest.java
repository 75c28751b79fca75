package io.processflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.processflow.processor.testing.Sources.compile;
import static io.processflow.processor.testing.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.processflow.api.internal.schedule.ScheduleSpec;
import io.processflow.processor.diagnostics.Message;
import java.io.IOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The schedule attributes of {@code @Dag}: each bad value is a compile error on that value, in the
 * words the runtime's DSL uses ({@link ScheduleSpec#check}); a valid schedule is written as DSL
 * calls.
 */
class ScheduleDiagnosticsTest {

  /** The processor's message for the problem the shared check finds in {@code attribute}. */
  private static String expected(
      String dagId,
      String attribute,
      String schedule,
      String start,
      String end,
      String zone,
      int runs) {
    ScheduleSpec.Problem problem =
        ScheduleSpec.check(schedule, start, end, zone, runs).stream()
            .filter(p -> p.attribute().equals(attribute))
            .findFirst()
            .orElseThrow();
    return Message.SCHEDULE_INVALID.format(problem.message(), dagId);
  }

  @Test
  void eachBadValueIsAnErrorOnThatValue() {
    JavaFileObject src =
        source(
            "BadSchedule",
            """
            @Dag(
                schedule = "0 25 * * *",
                startDate = "2024-02-30",
                timezone = "Europe/Lundon",
                maxActiveRuns = 0)
            class BadSchedule {
              @Task void a() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(4);
    String[] args = {"0 25 * * *", "2024-02-30", "", "Europe/Lundon"};
    assertThat(compilation)
        .hadErrorContaining(
            expected("bad_schedule", "schedule", args[0], args[1], args[2], args[3], 0))
        .inFile(src)
        .onLineContaining("\"0 25 * * *\"");
    assertThat(compilation)
        .hadErrorContaining(
            expected("bad_schedule", "startDate", args[0], args[1], args[2], args[3], 0))
        .inFile(src)
        .onLineContaining("\"2024-02-30\"");
    assertThat(compilation)
        .hadErrorContaining(
            "[ProcessFlow/Schedule] timezone \"Europe/Lundon\" is not a known time zone; did you mean \"Europe/London\"?")
        .inFile(src)
        .onLineContaining("\"Europe/Lundon\"");
    assertThat(compilation)
        .hadErrorContaining("[ProcessFlow/Schedule] maxActiveRuns = 0 must be at least 1")
        .inFile(src)
        .onLineContaining("maxActiveRuns = 0");
  }

  /** The DSL refuses a negative maxActiveTasks; so does javac, on the value, in its words. */
  @Test
  void negativeMaxActiveTasks() {
    JavaFileObject src =
        source(
            "Crowded",
            """
            @Dag(maxActiveTasks = -3)
            class Crowded {
              @Task void a() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[ProcessFlow/MaxActiveTasks] maxActiveTasks must be positive, or 0 for the runner's"
                + " default; was -3 (DAG 'crowded')")
        .inFile(src)
        .onLineContaining("maxActiveTasks = -3");
  }

  @Test
  void unknownPresetAndEndBeforeStart() {
    JavaFileObject src =
        source(
            "Backwards",
            """
            @Dag(
                schedule = "@dialy",
                startDate = "2024-06-01",
                endDate = "2024-01-01")
            class Backwards {
              @Task void a() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[ProcessFlow/Schedule] schedule \"@dialy\" is not a known preset; did you mean \"@daily\"?")
        .inFile(src)
        .onLineContaining("\"@dialy\"");
    assertThat(compilation)
        .hadErrorContaining("endDate \"2024-01-01\" is before startDate \"2024-06-01\"")
        .inFile(src)
        .onLineContaining("\"2024-01-01\"");
  }

  @Test
  void aValidScheduleIsWrittenAsDslCalls() throws IOException {
    JavaFileObject src =
        source(
            "Nightly",
            """
            @Dag(
                schedule = "30 2 * * 1-5",
                startDate = "2024-01-01",
                catchup = true,
                maxActiveRuns = 2,
                timezone = "Europe/Amsterdam")
            class Nightly {
              @Task void a() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    String generated =
        compilation
            .generatedFile(StandardLocation.SOURCE_OUTPUT, "test", "ProcessFlowNightly.java")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(generated)
        .contains(
            "builder.schedule(\"30 2 * * 1-5\");",
            "builder.startDate(\"2024-01-01\");",
            "builder.catchup(true);",
            "builder.maxActiveRuns(2);",
            "builder.timezone(\"Europe/Amsterdam\");",
            "return \"30 2 * * 1-5 (Europe/Amsterdam)\";");
  }
}

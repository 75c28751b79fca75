package io.processflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.processor.testing.Javac;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's limits on a generated class: javac fails with "code too large" or "too many constants"
 * when a method passes 64 KB or a class's constant pool 65,535 entries. Timing is the job of {@code
 * io.processflow.benchmarks.CompileBench}, not of this test.
 */
class LargeDagTest {
  private static final int TASKS = 10_000;
  private static final int FROM_PARAMETERS = 250;

  @TempDir Path dir;

  /**
   * 10,000 tasks with every option set, a 10,000-way fan-in through {@code @DependsOn}, and a task
   * with 250 {@code @From} parameters (a Java method has at most 255).
   */
  @Test
  void tenThousandTasksWithAFanInOfAllOfThemStayWithinTheJvmsLimits() throws Exception {
    StringBuilder source =
        new StringBuilder(
            "package large;\n\nimport io.processflow.api.*;\n\n@Dag\npublic class LargeDag {\n");
    source.append("  @Task int t0() { return 0; }\n");
    StringJoiner all = new StringJoiner(", ");
    all.add("\"t0\"");
    for (int i = 1; i < TASKS; i++) {
      source
          .append(
              "  @Task(retries = 1, retryDelay = \"1s\", retryExponentialBackoff = true, maxRetryDelay = \"1m\",")
          .append(
              " executionTimeout = \"1h\", triggerRule = TriggerRule.ALL_DONE, allowToFail = true)\n")
          .append("  @DependsOn(\"t0\") int t")
          .append(i)
          .append("(@From(\"t")
          .append(i - 1)
          .append("\") Integer n) { return n == null ? 0 : n + 1; }\n");
      all.add("\"t" + i + "\"");
    }
    StringJoiner froms = new StringJoiner(", ");
    for (int i = 0; i < FROM_PARAMETERS; i++) {
      // Boxed: each upstream task is allowed to fail, so it may have no output
      // ([ProcessFlow/PrimitiveFrom]).
      froms.add("@From(\"t" + i + "\") Integer p" + i);
    }
    source
        .append("  @Task @DependsOn({")
        .append(all)
        .append("}) void sink(")
        .append(froms)
        .append(") {}\n}\n");

    Path classes = Javac.compile(dir, Map.of("large.LargeDag", source.toString()), true);

    assertThat(classes.resolve("large/ProcessFlowLargeDag.class")).exists();
    String generated = Files.readString(dir.resolve("generated/large/ProcessFlowLargeDag.java"));
    assertThat(generated)
        .contains("private static final class Part2 implements")
        .doesNotContain("->");
  }
}

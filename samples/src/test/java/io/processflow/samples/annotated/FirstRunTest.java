package io.processflow.samples.annotated;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.processflow.api.DagRunState;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The README's first command shows ProcessFlow at its best: with the samples' logback.xml, the test
 * DAG's run logs its story at INFO, with no DEBUG line and no warning about the sample itself.
 */
class FirstRunTest {
  @Test
  void testDagRunsWithoutDebugLinesOrWarnings() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    root.addAppender(events);
    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      result = runner.run(ProcessFlowTestDag.dag());
    } finally {
      root.detachAppender(events);
    }

    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
    List<String> lines =
        events.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    assertThat(lines).anyMatch(line -> line.startsWith("INFO inside func_1"));
    assertThat(lines).anyMatch(line -> line.contains("inserted BigQuery job"));
    assertThat(events.list)
        .as("events logged at DEBUG or WARN and above: %s", lines)
        .allMatch(e -> e.getLevel() == Level.INFO);
  }
}

package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.processflow.api.DagRunState;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HelloDagTest {
  @Test
  void countsTheNamesAndReports() {
    RunConfig config = RunConfig.builder()
        .logicalDate(Instant.parse("2024-01-31T00:00:00Z"))
        .param("greeting", "Hi")
        .build();
    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      result = runner.run(ProcessFlowHelloDag.dag(), config);
    }
    assertEquals(DagRunState.SUCCESS, result.state());
    assertEquals(3, result.task("count").output());
    assertEquals("Hi from hello on 2024-01-31: 3 names", result.task("report").output());
  }
}

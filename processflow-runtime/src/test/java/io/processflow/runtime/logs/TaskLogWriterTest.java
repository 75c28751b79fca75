package io.processflow.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLogWriterTest {
  @TempDir Path dir;

  @Test
  void closeWritesEverythingQueuedInOrderAndLaterLinesAreWrittenAtOnce() throws Exception {
    TaskLogWriter writer = new TaskLogWriter("test-writer");
    List<TryLogFile> files = new ArrayList<>();
    for (int f = 0; f < 20; f++) {
      files.add(new TryLogFile(dir.resolve("t" + f).resolve("attempt=1.log")));
    }
    // More lines than the queue holds: producers wait for the writer instead of failing.
    for (int k = 0; k < 1000; k++) {
      for (TryLogFile file : files) {
        writer.submit(file, k + "\n");
      }
    }
    writer.submit(files.get(0), null); // its end
    writer.close();
    StringBuilder expected = new StringBuilder();
    for (int k = 0; k < 1000; k++) {
      expected.append(k).append('\n');
    }
    for (int f = 0; f < 20; f++) {
      assertThat(Files.readString(dir.resolve("t" + f).resolve("attempt=1.log")))
          .isEqualTo(expected.toString());
    }
    // after its end and the writer's close: reopened, appended, closed
    writer.submit(files.get(0), "late\n");
    assertThat(Files.readString(dir.resolve("t0").resolve("attempt=1.log")))
        .endsWith("999\nlate\n");
  }

  @Test
  void anUnwritableLogCostsItsLinesNeverTheCaller() throws Exception {
    Files.writeString(dir.resolve("blocked"), "a file where the task's directory should be");
    TaskLogWriter writer = new TaskLogWriter("test-writer");
    TryLogFile file = new TryLogFile(dir.resolve("blocked").resolve("attempt=1.log"));
    writer.submit(file, "lost\n");
    writer.submit(file, "lost too\n");
    writer.close();
    assertThat(Files.isRegularFile(dir.resolve("blocked"))).isTrue();
  }
}

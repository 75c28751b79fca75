package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.cli.Launcher;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code run --db} on a database no server answers: the command's only words are why (the driver's
 * reason, not just the pool's timeout), with status 2, and nothing ran or was shown.
 */
class DbUnreachableTest {
  @Test
  void anUnreachableDatabaseIsRefusedWithTheDriversReasonBeforeAnyProgress() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: nothing listens there
    }
    AtomicInteger ran = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("unreached");
    dag.task("t", ctx -> ran.incrementAndGet());
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      status =
          Launcher.execute(
              List.of(DagProvider.of(dag.build())),
              "run",
              "unreached",
              "--progress",
              "lines",
              "--db",
              "jdbc:postgresql://127.0.0.1:" + port + "/x?user=pf");
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    String words = errBytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(words).isEqualTo(2);
    assertThat(words)
        .contains("cannot open the database jdbc:postgresql://127.0.0.1:" + port)
        .containsIgnoringCase("refused")
        .doesNotContain("[progress]")
        .doesNotContain("done,");
    assertThat(outBytes.toString(StandardCharsets.UTF_8)).doesNotContain("done,");
    assertThat(ran).hasValue(0);
  }
}

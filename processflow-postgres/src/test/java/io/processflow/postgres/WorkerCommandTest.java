package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code worker}'s options, checked before it connects anywhere. */
class WorkerCommandTest {
  @Test
  void aBadQueueNameInTheListIsRefusedNamingItAndTheRule() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new WorkerCommand(List.of()));
    command.setErr(new PrintWriter(err));
    int code =
        command.execute("--db", "jdbc:postgresql://nowhere:5432/pf", "--queue", "gpu,big gpu");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Invalid value for option '--queue': 'big gpu': a queue name is not empty and has no"
                + " whitespace, control characters or ','");
  }

  @Test
  void queuesAreACommaSeparatedListDefaultingToDefault() {
    WorkerCommand worker = new WorkerCommand(List.of());
    new CommandLine(worker).parseArgs("--db", "jdbc:postgresql://h/pf");
    assertThat(worker.queues).containsExactly("default");
    worker = new WorkerCommand(List.of());
    new CommandLine(worker).parseArgs("--db", "jdbc:postgresql://h/pf", "-q", "gpu,default");
    assertThat(worker.queues).containsExactly("gpu", "default");
  }
}

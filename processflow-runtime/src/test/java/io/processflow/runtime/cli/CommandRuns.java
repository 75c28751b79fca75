package io.processflow.runtime.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one launcher command object with its output and errors captured. */
record CommandRuns(int status, String out, String err) {
  static CommandRuns execute(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new CommandRuns(status, out.toString(), err.toString());
  }
}

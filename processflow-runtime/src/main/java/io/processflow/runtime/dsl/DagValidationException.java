package io.processflow.runtime.dsl;

import io.processflow.api.internal.graph.TaskIds;
import java.util.List;

/** A DAG failed validation: {@link #problems()} lists every problem found, not only the first. */
public final class DagValidationException extends IllegalArgumentException {
  private final String dagId;
  private final List<String> problems;

  DagValidationException(String dagId, List<String> problems) {
    super(message(dagId, problems));
    this.dagId = dagId;
    this.problems = List.copyOf(problems);
  }

  private static String message(String dagId, List<String> problems) {
    StringBuilder text =
        new StringBuilder("DAG '")
            .append(TaskIds.shown(dagId))
            .append("' is invalid (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    for (String problem : problems) {
      text.append("\n  - ").append(problem);
    }
    return text.toString();
  }

  public String dagId() {
    return dagId;
  }

  public List<String> problems() {
    return problems;
  }
}

package io.processflow.runtime.dsl;

import java.util.List;

/**
 * A run's params do not fit the DAG's declarations (Airflow's {@code ParamValidationError}): an
 * undeclared name, a value that is not of the param's type, outside its range or enums, or a
 * required param left out. Thrown before any task runs; the CLI exits with status 2.
 */
public final class ParamValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  ParamValidationException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one sentence each, in the order of the params given. */
  public List<String> problems() {
    return problems;
  }
}

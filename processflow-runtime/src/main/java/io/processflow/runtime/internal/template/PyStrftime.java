package io.processflow.runtime.internal.template;

/**
 * Python's date, time and datetime as Airflow's date filters ({@code ds}, {@code ts}, ...) use
 * them: their own {@code strftime} and {@code isoformat()}.
 */
interface PyStrftime {
  /** Python's {@code strftime(format)}. */
  String strftime(String format);

  /** Python's {@code isoformat()}. */
  String isoformat();
}

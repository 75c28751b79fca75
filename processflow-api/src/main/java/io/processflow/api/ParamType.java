package io.processflow.api;

import java.util.Locale;

/**
 * The type of a {@link Param}, with the names of Airflow's {@code Param(type=...)} (JSON Schema's):
 * what a run's value is parsed to before any task runs.
 */
public enum ParamType {
  /** Any text; a {@link String}. */
  STRING,
  /** A whole number; a {@link Long} ({@code --param limit=100}). */
  INTEGER,
  /** A number; a {@link Double} ({@code --param ratio=0.25}). */
  NUMBER,
  /** {@code true} or {@code false}; a {@link Boolean}. */
  BOOLEAN,
  /** A JSON array; a {@link java.util.List} ({@code --param 'days=["mon","tue"]'}). */
  ARRAY,
  /** A JSON object; a {@link java.util.Map} ({@code --param 'limits={"eu":10}'}). */
  OBJECT;

  private final String schemaName = name().toLowerCase(Locale.ROOT);

  /** The JSON Schema name Airflow uses: {@code integer}, {@code array}, ... */
  @Override
  public String toString() {
    return schemaName;
  }
}

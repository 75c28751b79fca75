package io.processflow.api.internal.graph;

import java.util.regex.Pattern;

/** The rule for DAG and task ids, shared by the processor and the DSL (Airflow's own rule). */
public final class TaskIds {
  /** Letters, digits, underscores, dots and dashes. */
  public static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]+");

  /** A human description of {@link #VALID}, for error messages. */
  public static final String RULE = "ids may only contain letters, digits, '_', '.' and '-' ([A-Za-z0-9_.-]+)";

  private TaskIds() {}

  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}

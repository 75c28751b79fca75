package io.processflow.processor.model;

import io.processflow.processor.diagnostics.Location;

/**
 * One mention of an upstream task id, in {@code @DependsOn} or {@code @From}; {@code parameter} is
 * the index of the {@code @From} parameter, or -1 for {@code @DependsOn}.
 */
public record Reference(String taskId, Location location, int parameter) {
  public boolean isFrom() {
    return parameter >= 0;
  }

  /** How messages name where the reference is written. */
  public String describe() {
    return isFrom() ? "@From(\"" + taskId + "\")" : "@DependsOn";
  }
}

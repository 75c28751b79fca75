package io.processflow.processor.model;

import io.processflow.api.ParamType;
import io.processflow.processor.diagnostics.Location;
import java.util.List;
import java.util.Map;

/**
 * One {@code @Param} of a {@code @Dag}: its name, default value, type, enums, bounds and
 * description, where its name is written, and where each other attribute is written (for errors on
 * the offending value; the name's location when the attribute is not written).
 */
public record ParamModel(
    String name,
    String value,
    ParamType type,
    List<String> enums,
    double minimum,
    double maximum,
    String description,
    Location location,
    Map<String, Location> attributes) {

  /** False for a typed param whose value is empty: a run must give it. */
  public boolean hasDefault() {
    return type == ParamType.STRING || !value.isEmpty();
  }

  /**
   * Where {@code attribute} ({@code value}, {@code enums}, ...) is written, else where the name is.
   */
  public Location at(String attribute) {
    return attributes.getOrDefault(attribute, location);
  }

  /**
   * True when the param is a plain string with nothing but a default: {@code builder.param(name,
   * value)}.
   */
  public boolean isPlain() {
    return type == ParamType.STRING
        && enums.isEmpty()
        && minimum == Double.NEGATIVE_INFINITY
        && maximum == Double.POSITIVE_INFINITY
        && description.isEmpty();
  }
}

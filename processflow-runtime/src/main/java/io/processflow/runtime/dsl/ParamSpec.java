package io.processflow.runtime.dsl;

import io.processflow.api.ParamType;
import io.processflow.api.internal.ParamRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The declaration of one run param, Airflow's {@code Param}: its name, type, default, allowed
 * values, bounds and description. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * dag.param(ParamSpec.integer("limit").defaultValue(100).minimum(1).maximum(1000).description("Rows per batch"));
 * dag.param(ParamSpec.string("region").defaultValue("eu").enums("eu", "us"));
 * dag.param(ParamSpec.array("days"));   // no default: every run must give it
 * }</pre>
 *
 * <p>A run's value may be a Java value or its text as {@code --param} gives it; it is parsed to the
 * type's Java class ({@link ParamType}) and checked before any task runs. A spec made by {@link
 * DagBuilder#param(String, Object)} is untyped: its values pass as they are.
 */
public final class ParamSpec {
  private final String name;
  private final ParamType type;
  private final boolean hasDefault;
  private final Object defaultValue;
  private final List<Object> enums;
  private final double minimum;
  private final double maximum;
  private final String description;

  private ParamSpec(
      String name,
      ParamType type,
      boolean hasDefault,
      Object defaultValue,
      List<Object> enums,
      double minimum,
      double maximum,
      String description) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.hasDefault = hasDefault;
    this.defaultValue = defaultValue;
    this.enums = enums;
    this.minimum = minimum;
    this.maximum = maximum;
    this.description = description;
  }

  /** A param of {@code type} with no default, enums, bounds or description. */
  public static ParamSpec of(String name, ParamType type) {
    return new ParamSpec(
        name,
        Objects.requireNonNull(type, "type"),
        false,
        null,
        List.of(),
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        "");
  }

  /**
   * An untyped param with a default: values pass as they are (what {@code dag.param(name, value)}
   * declares).
   */
  public static ParamSpec untyped(String name, Object defaultValue) {
    return new ParamSpec(
        name,
        null,
        true,
        defaultValue,
        List.of(),
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        "");
  }

  public static ParamSpec string(String name) {
    return of(name, ParamType.STRING);
  }

  public static ParamSpec integer(String name) {
    return of(name, ParamType.INTEGER);
  }

  public static ParamSpec number(String name) {
    return of(name, ParamType.NUMBER);
  }

  public static ParamSpec bool(String name) {
    return of(name, ParamType.BOOLEAN);
  }

  public static ParamSpec array(String name) {
    return of(name, ParamType.ARRAY);
  }

  public static ParamSpec object(String name) {
    return of(name, ParamType.OBJECT);
  }

  /** The default: a Java value of the type, or its text as {@code --param} would give it. */
  public ParamSpec defaultValue(Object value) {
    return new ParamSpec(name, type, true, value, enums, minimum, maximum, description);
  }

  /** The only values allowed (Airflow's {@code enum}): values or their text. */
  public ParamSpec enums(Object... values) {
    List<Object> list = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
    return new ParamSpec(name, type, hasDefault, defaultValue, list, minimum, maximum, description);
  }

  /** The smallest value allowed, for integer and number params. */
  public ParamSpec minimum(double minimum) {
    return new ParamSpec(
        name, type, hasDefault, defaultValue, enums, minimum, maximum, description);
  }

  /** The largest value allowed, for integer and number params. */
  public ParamSpec maximum(double maximum) {
    return new ParamSpec(
        name, type, hasDefault, defaultValue, enums, minimum, maximum, description);
  }

  /** What the param is for, shown by {@code list}. */
  public ParamSpec description(String description) {
    return new ParamSpec(
        name,
        type,
        hasDefault,
        defaultValue,
        enums,
        minimum,
        maximum,
        Objects.requireNonNull(description, "description"));
  }

  public String name() {
    return name;
  }

  /** The type, or {@code null} for an untyped param. */
  public ParamType type() {
    return type;
  }

  /** False when a run must give the param (it has no default). */
  public boolean hasDefault() {
    return hasDefault;
  }

  /** The default (parsed to the type's Java class once the DAG is built), or {@code null}. */
  public Object defaultValue() {
    return defaultValue;
  }

  public List<Object> enums() {
    return enums;
  }

  /** The smallest value allowed; {@code -Infinity} when unbounded. */
  public double minimum() {
    return minimum;
  }

  /** The largest value allowed; {@code +Infinity} when unbounded. */
  public double maximum() {
    return maximum;
  }

  public String description() {
    return description;
  }

  /**
   * One line for {@code list}: {@code integer, default 100, at least 1 and at most 1000 — Rows per
   * batch}, or {@code string, required, one of eu, us}.
   */
  public String describe() {
    StringJoiner line = new StringJoiner(", ");
    if (type != null) {
      line.add(type.toString());
    }
    if (!hasDefault) {
      line.add("required");
    } else if (type == ParamType.STRING || type == null && defaultValue instanceof String) {
      // A typed default may still be its text here (generated providers answer without building).
      line.add("default '" + defaultValue + "'");
    } else {
      line.add("default " + Params.text(defaultValue));
    }
    if (!enums.isEmpty()) {
      StringJoiner values = new StringJoiner(", ", "one of ", "");
      enums.forEach(value -> values.add(String.valueOf(value)));
      line.add(values.toString());
    }
    String range = ParamRules.range(minimum, maximum);
    if (!range.isEmpty()) {
      line.add(range);
    }
    return description.isEmpty() ? line.toString() : line + " - " + description;
  }

  @Override
  public String toString() {
    return name + " (" + describe() + ")";
  }
}

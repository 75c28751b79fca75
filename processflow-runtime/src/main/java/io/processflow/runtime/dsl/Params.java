package io.processflow.runtime.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.processflow.api.ParamType;
import io.processflow.api.internal.ParamRules;
import io.processflow.api.internal.graph.Suggestions;
import io.processflow.runtime.internal.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Typed params: the one place where a DAG's declarations are checked (when it is built) and a run's
 * values are parsed to their types and checked (before any task runs), for the DSL, the generated
 * code and the command line alike.
 */
final class Params {
  private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private Params() {}

  /**
   * {@code spec} with its default and enums parsed to the type's Java class; each problem of the
   * declaration is added to {@code problems} (the spec is then returned unchanged).
   */
  static ParamSpec checked(ParamSpec spec, List<String> problems) {
    ParamType type = spec.type();
    if (type == null) {
      return spec;
    }
    List<String> enumTexts = new ArrayList<>();
    List<Object> enums = new ArrayList<>();
    int before = problems.size();
    for (Object value : spec.enums()) {
      Object converted = convert(type, value);
      enumTexts.add(String.valueOf(value));
      enums.add(converted == null ? value : converted);
    }
    Object defaultValue = null;
    String defaultText = null;
    if (spec.hasDefault()) {
      defaultValue = convert(type, spec.defaultValue());
      if (defaultValue == null) {
        problems.add(
            "default "
                + quote(spec.defaultValue())
                + " of param '"
                + spec.name()
                + "' is not "
                + ParamRules.expected(type));
      } else {
        defaultText = text(defaultValue);
      }
    }
    for (ParamRules.Problem problem :
        ParamRules.check(
            spec.name(), type, defaultText, enumTexts, spec.minimum(), spec.maximum())) {
      problems.add(problem.message());
    }
    if (problems.size() > before) {
      return spec;
    }
    ParamSpec checked = spec.enums(enums.toArray());
    return spec.hasDefault() ? checked.defaultValue(defaultValue) : checked;
  }

  /**
   * The params of a run: each declared param's default, overridden by {@code overrides}, parsed and
   * checked.
   *
   * @throws ParamValidationException listing every problem
   */
  static Map<String, Object> resolve(
      String dagId, List<ParamSpec> specs, Map<String, ?> overrides) {
    Map<String, ParamSpec> declared = new LinkedHashMap<>();
    for (ParamSpec spec : specs) {
      declared.put(spec.name(), spec);
    }
    List<String> problems = new ArrayList<>();
    for (String name : overrides.keySet()) {
      if (!declared.containsKey(name)) {
        problems.add(unknown(dagId, name, declared.keySet()));
      }
    }
    Map<String, Object> resolved = new LinkedHashMap<>();
    for (ParamSpec spec : specs) {
      String name = spec.name();
      if (!overrides.containsKey(name)) {
        if (!spec.hasDefault()) {
          problems.add(
              "param '"
                  + name
                  + "' of DAG '"
                  + dagId
                  + "' has no default; give it with --param "
                  + name
                  + "=... ("
                  + ParamRules.expected(spec.type())
                  + ")");
        }
        resolved.put(name, spec.defaultValue());
        continue;
      }
      Object given = overrides.get(name);
      if (spec.type() == null) {
        resolved.put(name, given);
        continue;
      }
      String problem = problem(spec, given);
      if (problem != null) {
        problems.add(problem);
      } else {
        resolved.put(name, convert(spec.type(), given));
      }
    }
    if (!problems.isEmpty()) {
      throw new ParamValidationException(problems);
    }
    return Collections.unmodifiableMap(resolved);
  }

  private static String unknown(String dagId, String name, Collection<String> declared) {
    String suggestion =
        Suggestions.closest(name, declared)
            .map(closest -> " (did you mean " + closest + "?)")
            .orElse("");
    return "DAG '"
        + dagId
        + "' has no param "
        + (name.isEmpty() ? "with an empty name (give --param NAME=VALUE)" : name)
        + suggestion
        + (declared.isEmpty()
            ? "; it declares no params"
            : "; its params are " + String.join(", ", declared));
  }

  /** Why {@code given} is not a valid value of {@code spec}, or null when it is. */
  private static String problem(ParamSpec spec, Object given) {
    Object value = convert(spec.type(), given);
    if (value == null
        && spec.type() == ParamType.INTEGER
        && given instanceof String text
        && text.strip().matches("[+-]?\\d+")) {
      return "param '"
          + spec.name()
          + "' must be an integer from "
          + Long.MIN_VALUE
          + " to "
          + Long.MAX_VALUE
          + " (64 bits); it was "
          + quote(given);
    }
    if (value == null) {
      return "param '"
          + spec.name()
          + "' must be "
          + ParamRules.expected(spec.type())
          + "; it was "
          + quote(given);
    }
    if (!ParamRules.inRange(value, spec.minimum(), spec.maximum())) {
      return "param '"
          + spec.name()
          + "' must be "
          + ParamRules.range(spec.minimum(), spec.maximum())
          + "; it was "
          + text(value);
    }
    if (!spec.enums().isEmpty() && !spec.enums().contains(value)) {
      StringJoiner allowed = new StringJoiner(", ");
      List<String> texts = new ArrayList<>();
      for (Object allowedValue : spec.enums()) {
        allowed.add(text(allowedValue));
        texts.add(text(allowedValue));
      }
      String suggestion =
          Suggestions.closest(text(value), texts)
              .map(closest -> " (did you mean " + closest + "?)")
              .orElse("");
      return "param '"
          + spec.name()
          + "' must be one of "
          + allowed
          + "; it was "
          + quote(given)
          + suggestion;
    }
    return null;
  }

  /**
   * {@code value} as {@code type}'s Java class: from its text as {@code --param} gives it, or from
   * a Java value (a journal's, a {@code RunConfig}'s); null when it is not one.
   */
  static Object convert(ParamType type, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      return switch (type) {
        case ARRAY -> json(text, LIST);
        case OBJECT -> json(text, MAP);
        default -> ParamRules.parseScalar(type, text);
      };
    }
    return switch (type) {
      case STRING -> null;
      case INTEGER -> integer(value);
      case NUMBER ->
          value instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
      case BOOLEAN -> value instanceof Boolean ? value : null;
      case ARRAY ->
          value instanceof Collection<?> c
              ? Collections.unmodifiableList(new ArrayList<>(c))
              : null;
      case OBJECT ->
          value instanceof Map<?, ?> m ? Collections.unmodifiableMap(new LinkedHashMap<>(m)) : null;
    };
  }

  private static Long integer(Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
      try {
        return new BigDecimal(value.toString()).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static <T> T json(String text, TypeReference<T> type) {
    try {
      return Json.mapper()
          .readerFor(type)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readValue(text);
    } catch (IOException e) {
      return null;
    }
  }

  /** A value as a message shows it: JSON for arrays and objects, else its text. */
  static String text(Object value) {
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      try {
        return Json.mapper().writeValueAsString(value);
      } catch (JsonProcessingException e) {
        return String.valueOf(value);
      }
    }
    return String.valueOf(value);
  }

  private static String quote(Object value) {
    return value instanceof String text
        ? "'" + text + "'"
        : text(value) + " (" + value.getClass().getSimpleName() + ")";
  }
}

package io.processflow.runtime.operators.bigquery;

import io.processflow.api.internal.graph.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a job configuration (the GCP API's {@code JobConfiguration}) before it is submitted, so a
 * mistake reads as a list of fixes rather than a remote 400: exactly one of {@code query}, {@code
 * load}, {@code copy}, {@code extract}; the fields each needs; table references; and the
 * enumerations ({@code writeDisposition}, {@code createDisposition}, {@code priority}).
 */
public final class JobConfigurations {
  private static final Set<String> JOB_TYPES = Set.of("query", "load", "copy", "extract");
  private static final List<String> TOP_LEVEL =
      List.of("query", "load", "copy", "extract", "labels", "dryRun", "jobTimeoutMs", "jobType");
  private static final List<String> WRITE_DISPOSITIONS =
      List.of("WRITE_TRUNCATE", "WRITE_APPEND", "WRITE_EMPTY");
  private static final List<String> CREATE_DISPOSITIONS =
      List.of("CREATE_IF_NEEDED", "CREATE_NEVER");
  private static final List<String> PRIORITIES = List.of("INTERACTIVE", "BATCH");
  private static final Pattern PROJECT_ID =
      Pattern.compile("[a-z][a-z0-9.:-]{4,62}[a-z0-9]|[a-z][a-z0-9-]{4,28}[a-z0-9]");
  private static final Pattern DATASET_ID = Pattern.compile("[A-Za-z0-9_]{1,1024}");
  private static final Pattern TABLE_ID =
      Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{Pc}\\p{Pd} $]{1,1024}");

  private JobConfigurations() {}

  /**
   * Every problem of {@code configuration}, each naming the key path, the value and the fix; empty
   * when valid.
   */
  public static List<String> problems(Map<String, ?> configuration) {
    List<String> problems = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (Map.Entry<String, ?> entry : configuration.entrySet()) {
      String key = entry.getKey();
      if (JOB_TYPES.contains(key)) {
        types.add(key);
      } else if (!TOP_LEVEL.contains(key)) {
        problems.add(
            "configuration."
                + key
                + " is not a job configuration key"
                + Suggestions.closest(key, TOP_LEVEL)
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("; expected one of " + TOP_LEVEL));
      }
    }
    if (types.size() != 1) {
      problems.add(
          "configuration needs exactly one of query, load, copy or extract; it has "
              + (types.isEmpty() ? "none" : String.join(", ", types)));
    }
    for (String type : types) {
      Object section = configuration.get(type);
      if (!(section instanceof Map<?, ?> map)) {
        problems.add("configuration." + type + " must be a map; it is " + describe(section));
        continue;
      }
      String at = "configuration." + type;
      switch (type) {
        case "query" -> {
          requireText(map, "query", at, problems);
          optionalTable(map, "destinationTable", at, problems);
          optionalBoolean(map, "useLegacySql", at, problems);
        }
        case "load" -> {
          requireTable(map, "destinationTable", at, problems);
          requireTextList(map, "sourceUris", at, problems);
        }
        case "copy" -> {
          requireTable(map, "destinationTable", at, problems);
          if (map.get("sourceTable") == null && map.get("sourceTables") == null) {
            problems.add(at + " needs sourceTable (or sourceTables)");
          }
          optionalTable(map, "sourceTable", at, problems);
        }
        case "extract" -> {
          requireTable(map, "sourceTable", at, problems);
          requireTextList(map, "destinationUris", at, problems);
        }
        default -> throw new AssertionError(type);
      }
      oneOf(map, "writeDisposition", WRITE_DISPOSITIONS, at, problems);
      oneOf(map, "createDisposition", CREATE_DISPOSITIONS, at, problems);
      oneOf(map, "priority", PRIORITIES, at, problems);
    }
    Object labels = configuration.get("labels");
    if (labels != null && !(labels instanceof Map<?, ?>)) {
      problems.add("configuration.labels must be a map of strings; it is " + describe(labels));
    }
    return problems;
  }

  /**
   * @throws IllegalArgumentException listing every problem of {@code configuration}
   */
  public static void validate(String taskId, Map<String, ?> configuration) {
    List<String> problems = problems(configuration);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid BigQuery job configuration in task '"
              + taskId
              + "':\n  - "
              + String.join("\n  - ", problems));
    }
  }

  private static void requireText(Map<?, ?> map, String key, String at, List<String> problems) {
    Object value = map.get(key);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(at + "." + key + " must be a non-empty string; it is " + describe(value));
    }
  }

  private static void requireTextList(Map<?, ?> map, String key, String at, List<String> problems) {
    Object value = map.get(key);
    if (!(value instanceof List<?> list)
        || list.isEmpty()
        || !list.stream().allMatch(v -> v instanceof String s && !s.isBlank())) {
      problems.add(
          at + "." + key + " must be a non-empty list of strings; it is " + describe(value));
    }
  }

  private static void optionalBoolean(Map<?, ?> map, String key, String at, List<String> problems) {
    Object value = map.get(key);
    if (value != null && !(value instanceof Boolean)) {
      problems.add(at + "." + key + " must be true or false; it is " + describe(value));
    }
  }

  private static void oneOf(
      Map<?, ?> map, String key, List<String> allowed, String at, List<String> problems) {
    Object value = map.get(key);
    if (value != null && !allowed.contains(value)) {
      problems.add(
          at
              + "."
              + key
              + " is "
              + describe(value)
              + "; expected one of "
              + String.join(", ", allowed));
    }
  }

  private static void requireTable(Map<?, ?> map, String key, String at, List<String> problems) {
    if (map.get(key) == null) {
      problems.add(at + "." + key + " is required: {projectId, datasetId, tableId}");
      return;
    }
    optionalTable(map, key, at, problems);
  }

  private static void optionalTable(Map<?, ?> map, String key, String at, List<String> problems) {
    Object value = map.get(key);
    if (value == null) {
      return;
    }
    String path = at + "." + key;
    if (!(value instanceof Map<?, ?> table)) {
      problems.add(
          path + " must be a map {projectId, datasetId, tableId}; it is " + describe(value));
      return;
    }
    Object project = table.get("projectId");
    if (project != null && !(project instanceof String p && PROJECT_ID.matcher(p).matches())) {
      problems.add(
          path
              + ".projectId is "
              + describe(project)
              + "; a project id has 6 to 30 lowercase letters, digits and hyphens");
    }
    Object dataset = table.get("datasetId");
    if (!(dataset instanceof String d && DATASET_ID.matcher(d).matches())) {
      problems.add(
          path
              + ".datasetId is "
              + describe(dataset)
              + "; a dataset id has letters, digits and underscores");
    }
    Object tableId = table.get("tableId");
    if (!(tableId instanceof String t && TABLE_ID.matcher(t).matches())) {
      problems.add(
          path
              + ".tableId is "
              + describe(tableId)
              + "; a table id has letters, digits, underscores, hyphens and spaces (and $ for a partition)");
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "missing";
    }
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    return value.getClass().getSimpleName() + " " + value;
  }
}

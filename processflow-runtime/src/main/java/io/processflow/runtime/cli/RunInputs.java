package io.processflow.runtime.cli;

import io.processflow.runtime.execution.RunConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What a run is given, the same for {@code run} and {@code test-task}: its logical date and params.
 */
final class RunInputs {
  @Option(
      names = "--logical-date",
      paramLabel = "DATE",
      converter = LogicalDateConverter.class,
      description =
          "The run's logical date: an ISO-8601 instant or a date such as 2024-01-31 (default: now).")
  Instant logicalDate;

  @Option(
      names = "--param",
      paramLabel = "KEY=VALUE",
      description =
          "Overrides a param the DAG declares, parsed to its type (see 'list'): 100, 0.5, true,"
              + " [\"a\"], {\"k\": 1}; repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  /** Sets the params and, when given, the logical date on {@code config}. */
  void applyTo(RunConfig.Builder config) {
    config.params(params);
    if (logicalDate != null) {
      config.logicalDate(logicalDate);
    }
  }
}

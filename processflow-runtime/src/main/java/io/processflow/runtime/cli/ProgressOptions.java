package io.processflow.runtime.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How a command-line run shows its progress and its summary. */
final class ProgressOptions {
  @Option(
      names = "--progress",
      paramLabel = "MODE",
      converter = ModeConverter.class,
      description =
          "How the run's progress shows on standard error: auto (a live status line on a terminal,"
              + " else lines), live, lines (a line every --progress-interval), events (only retries"
              + " and failures), none. Default: auto.")
  ProgressReporter.Mode progress = ProgressReporter.Mode.AUTO;

  @Option(
      names = "--progress-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How often a progress line is printed when not on a terminal, e.g. 10s or 1m (default: 10s).")
  Duration interval = Duration.ofSeconds(10);

  @Option(
      names = "--full-summary",
      description =
          "Prints every task in the summary's table, however many (by default a run of more than 50 tasks lists a few ids per state).")
  boolean fullSummary;

  /** {@code --progress lines}: a mode by its lower-case name. */
  static final class ModeConverter implements ITypeConverter<ProgressReporter.Mode> {
    @Override
    public ProgressReporter.Mode convert(String value) {
      for (ProgressReporter.Mode mode : ProgressReporter.Mode.values()) {
        if (mode.name().equalsIgnoreCase(value)) {
          return mode;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not a progress mode; use auto, live, lines, events or none");
    }
  }
}

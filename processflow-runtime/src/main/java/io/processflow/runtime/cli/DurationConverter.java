package io.processflow.runtime.cli;

import io.processflow.api.internal.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration option, written as DAG authors write durations: {@code 10s}, {@code 1m}, {@code
 * PT30S}.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration duration =
        Durations.tryParse(value)
            .orElseThrow(
                () ->
                    new TypeConversionException(
                        "'" + value + "' is not a duration; use " + Durations.FORMATS));
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException(
          "'" + value + "' is not a positive duration; use " + Durations.FORMATS);
    }
    return duration;
  }
}

package io.processflow.runtime.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --logical-date}: an ISO-8601 instant ({@code 2024-01-31T06:00:00Z}, or with an offset), a
 * local date-time taken as UTC, or a date ({@code 2024-01-31}, midnight UTC), as Airflow accepts.
 */
final class LogicalDateConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (value.endsWith("Z") || value.lastIndexOf('+') > 0 || value.lastIndexOf('-') > 9) {
        return OffsetDateTime.parse(value).toInstant();
      }
      return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a date; use an ISO-8601 instant such as 2024-01-31T06:00:00Z or a"
              + " date such as 2024-01-31");
    }
  }
}

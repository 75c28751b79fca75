package io.processflow.runtime.template;

import com.fasterxml.jackson.annotation.JsonValue;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A date-time in templates ({@code logical_date}, {@code data_interval_start}, ...), printed the
 * way Airflow's pendulum DateTime prints: {@code {{ logical_date }}} is
 * {@code 2024-01-31 00:00:00+00:00}, {@code isoformat()} is {@code 2024-01-31T00:00:00+00:00},
 * {@code strftime('%d/%m/%Y')} takes Python's directives, and {@code tojson} writes the isoformat.
 *
 * <p>Properties: {@code year}, {@code month}, {@code day}, {@code hour}, {@code minute},
 * {@code second}, {@code microsecond}. Always UTC.
 */
public final class AirflowDateTime implements PyishSerializable, Comparable<AirflowDateTime> {
  private final Instant instant;
  private final LocalDateTime utc;

  private AirflowDateTime(Instant instant) {
    this.instant = AirflowDates.truncate(instant);
    this.utc = LocalDateTime.ofInstant(this.instant, ZoneOffset.UTC);
  }

  public static AirflowDateTime of(Instant instant) {
    return new AirflowDateTime(Objects.requireNonNull(instant, "instant"));
  }

  /** The instant, for Java code (templates use the Airflow-style methods). */
  public Instant toInstant() {
    return instant;
  }

  public int getYear() {
    return utc.getYear();
  }

  public int getMonth() {
    return utc.getMonthValue();
  }

  public int getDay() {
    return utc.getDayOfMonth();
  }

  public int getHour() {
    return utc.getHour();
  }

  public int getMinute() {
    return utc.getMinute();
  }

  public int getSecond() {
    return utc.getSecond();
  }

  public int getMicrosecond() {
    return utc.getNano() / 1000;
  }

  /** Python's {@code isoformat()}: {@code 2024-01-31T00:00:00+00:00}. */
  @JsonValue
  public String isoformat() {
    return AirflowDates.ts(instant);
  }

  /** Python's {@code strftime}, e.g. {@code strftime('%Y%m%d')}. */
  public String strftime(String format) {
    return PyDateFormat.format(utc, format);
  }

  /** Seconds since the epoch, as Python's {@code timestamp()}. */
  public double timestamp() {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  /** Python's {@code str(datetime)}: {@code 2024-01-31 00:00:00+00:00}. */
  @Override
  public String toString() {
    return AirflowDates.isoformat(instant, ' ');
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
    appendable.append(toString());
    return appendable;
  }

  @Override
  public int compareTo(AirflowDateTime other) {
    return instant.compareTo(other.instant);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AirflowDateTime other && instant.equals(other.instant);
  }

  @Override
  public int hashCode() {
    return instant.hashCode();
  }
}

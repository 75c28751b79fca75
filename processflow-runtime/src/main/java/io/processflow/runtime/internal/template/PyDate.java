package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Python's {@code date}, as {@code logical_date.date()} returns it: prints {@code 2024-01-31};
 * inside a list, pendulum's {@code Date(2024, 1, 31)} when it comes from one of Airflow's
 * date-times, the standard {@code datetime.date(2024, 1, 1)} from a naive one.
 */
public final class PyDate implements PyishSerializable, Comparable<PyDate>, PyStrftime {
  private final LocalDate date;
  private final boolean pendulum;

  PyDate(LocalDate date, boolean pendulum) {
    this.date = date;
    this.pendulum = pendulum;
  }

  /** Python's {@code repr()}: {@code Date(2024, 1, 31)} or {@code datetime.date(2024, 1, 1)}. */
  String repr() {
    return (pendulum ? "Date(" : "datetime.date(")
        + date.getYear()
        + ", "
        + date.getMonthValue()
        + ", "
        + date.getDayOfMonth()
        + ")";
  }

  public int getYear() {
    return date.getYear();
  }

  public int getMonth() {
    return date.getMonthValue();
  }

  public int getDay() {
    return date.getDayOfMonth();
  }

  public String isoformat() {
    return date.toString();
  }

  public String strftime(String format) {
    return PyDateFormat.format(date.atStartOfDay(), format);
  }

  public int weekday() {
    return date.getDayOfWeek().getValue() - 1;
  }

  public int isoweekday() {
    return date.getDayOfWeek().getValue();
  }

  /**
   * This date plus {@code delta}'s days (Python ignores its seconds): {@code date.__add__}, the
   * same for pendulum's Date.
   */
  PyDate plus(PyTimedelta delta) {
    return new PyDate(inRange(date.plusDays(delta.getDays())), pendulum);
  }

  /** Python's {@code isocalendar()}: IsoCalendarDate(year, week, weekday), ISO's. */
  public PyIsoCalendarDate isocalendar() {
    return PyIsoCalendarDate.of(date);
  }

  /** {@code date} when Python's date can hold it (years 1 to 9999); else its OverflowError. */
  static LocalDate inRange(LocalDate date) {
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw new PyException("OverflowError", "date value out of range");
    }
    return date;
  }

  /**
   * This date minus {@code delta}'s days, as Python's {@code date.__sub__} ({@code self +
   * timedelta(-other.days)}: {@code - timedelta(hours=1)} is the same day) and pendulum's Date.
   */
  PyDate minus(PyTimedelta delta) {
    return new PyDate(inRange(date.plusDays(-delta.getDays())), pendulum);
  }

  @Override
  public String toString() {
    return date.toString();
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }

  @Override
  public int compareTo(PyDate other) {
    return date.compareTo(other.date);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PyDate other && date.equals(other.date);
  }

  @Override
  public int hashCode() {
    return date.hashCode();
  }
}

package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.Duration;

/**
 * Python's {@code datetime.timedelta} ({@code macros.timedelta(days=1)}): prints as Python does
 * ({@code 1 day, 12:00:00}); {@code days}, {@code seconds}, {@code microseconds}, {@code
 * total_seconds()}; added to or subtracted from date-times.
 */
public sealed class PyTimedelta implements PyishSerializable, Comparable<PyTimedelta>
    permits PendulumInterval {
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private final long micros;

  PyTimedelta(long micros) {
    this.micros = micros;
  }

  /** {@code timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks)}. */
  static PyTimedelta of(Object... arguments) {
    PyArguments args =
        new PyArguments("timedelta", arguments)
            .check(
                7, "days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks");
    double total =
        args.getDouble(0, "days", 0) * MICROS_PER_DAY
            + args.getDouble(1, "seconds", 0) * 1e6
            + args.getDouble(2, "microseconds", 0)
            + args.getDouble(3, "milliseconds", 0) * 1e3
            + args.getDouble(4, "minutes", 0) * 60e6
            + args.getDouble(5, "hours", 0) * 3600e6
            + args.getDouble(6, "weeks", 0) * 7 * MICROS_PER_DAY;
    return new PyTimedelta(Math.round(total));
  }

  Duration toDuration() {
    return Duration.ofSeconds(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  long micros() {
    return micros;
  }

  public long getDays() {
    return Math.floorDiv(micros, MICROS_PER_DAY);
  }

  public long getSeconds() {
    return Math.floorMod(micros, MICROS_PER_DAY) / 1_000_000L;
  }

  public long getMicroseconds() {
    return Math.floorMod(micros, 1_000_000L);
  }

  public double total_seconds() {
    return micros / 1e6;
  }

  PyTimedelta negate() {
    return new PyTimedelta(-micros);
  }

  @Override
  public String toString() {
    long days = getDays();
    long seconds = getSeconds();
    String time =
        String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
            + (getMicroseconds() == 0 ? "" : String.format(".%06d", getMicroseconds()));
    return days == 0 ? time : days + (Math.abs(days) == 1 ? " day, " : " days, ") + time;
  }

  /**
   * Python's {@code repr()}: {@code datetime.timedelta(days=1, seconds=30)}, its zero fields left
   * out, {@code datetime.timedelta(0)} when all are.
   */
  String repr() {
    StringBuilder fields = new StringBuilder();
    String[] names = {"days", "seconds", "microseconds"};
    long[] values = {getDays(), getSeconds(), getMicroseconds()};
    for (int i = 0; i < names.length; i++) {
      if (values[i] != 0) {
        fields.append(fields.length() == 0 ? "" : ", ").append(names[i]).append('=');
        fields.append(values[i]);
      }
    }
    return "datetime.timedelta(" + (fields.length() == 0 ? "0" : fields) + ")";
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }

  @Override
  public int compareTo(PyTimedelta other) {
    return Long.compare(micros, other.micros);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PyTimedelta other && micros == other.micros;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(micros);
  }
}

package io.processflow.runtime.internal.template;

import java.util.List;

/**
 * A sequence that Python prints by its type, not as a list: {@code dict.keys()}, {@code values()}
 * and {@code items()} ({@code dict_keys(['a'])}) and {@code range()} ({@code range(0, 3)}). It
 * iterates, indexes, measures and filters as the list of its items; {@code tojson} refuses it, as
 * Python's {@code json} does.
 */
final class PyView extends PySequence {
  private final String type;
  private final String printed;

  private PyView(String type, String printed, List<?> items) {
    super(items);
    this.type = type;
    this.printed = printed;
  }

  /** {@code dict_keys}, {@code dict_values} or {@code dict_items} of {@code items}. */
  static PyView dictView(String type, List<?> items) {
    return new PyView(type, type + "(" + PyValues.repr(items) + ")", items);
  }

  /** Python's {@code range(start, stop, step)} whose numbers are {@code numbers}. */
  static PyView range(long start, long stop, long step, List<? extends Number> numbers) {
    return new PyView(
        "range", "range(" + start + ", " + stop + (step == 1 ? "" : ", " + step) + ")", numbers);
  }

  /** Python's name of its type: {@code dict_keys}, {@code range}, ... */
  String type() {
    return type;
  }

  /** Python's {@code str()} and {@code repr()}: {@code dict_keys(['a'])}, {@code range(0, 3)}. */
  @Override
  public String toString() {
    return printed;
  }
}

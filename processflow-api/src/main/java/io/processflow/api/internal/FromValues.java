package io.processflow.api.internal;

/**
 * What generated code calls to fill a primitive {@code @From} parameter. Internal: not for direct
 * use.
 */
public final class FromValues {
  private FromValues() {}

  /**
   * {@code value}, the output of task {@code upstream} for parameter {@code parameter} of task
   * {@code task}, which must not be null because the parameter is primitive.
   *
   * @throws IllegalStateException naming the task, the parameter and the upstream task when the
   *     upstream task has no output in this run
   */
  public static <T> T present(T value, String task, String parameter, String upstream) {
    if (value == null) {
      throw new IllegalStateException(
          "task '"
              + task
              + "' cannot fill its primitive parameter '"
              + parameter
              + "': task '"
              + upstream
              + "' has no output in this run (it returned null, or has not succeeded); declare the"
              + " parameter with the boxed type and handle null, or make '"
              + upstream
              + "' always return a value");
    }
    return value;
  }

  /**
   * {@code value} as a number for a numeric primitive parameter: whichever {@link Number} the
   * upstream output is (the processor checked its type; a JSON value given to {@code test-task} may
   * be an {@code Integer} where the task outputs a {@code Long}).
   */
  public static Number number(Object value, String task, String parameter, String upstream) {
    return (Number) present(value, task, parameter, upstream);
  }
}

package io.processflow.api.internal.graph;

/**
 * The rule for task queue names (Airflow's {@code queue} operator argument), shared by the
 * processor and the DSL: a name is non-empty and has no whitespace or control characters, so that
 * it reads the same in {@code worker --queue q1,q2} (a comma splits the list), in logs and in the
 * database. Internal: not for direct use.
 */
public final class TaskQueues {
  /** The queue of a task that names none, and the one a worker serves by default. */
  public static final String DEFAULT = "default";

  /** A human description of {@link #isValid}, for error messages. */
  public static final String RULE =
      "a queue name is not empty and has no whitespace, control characters or ','";

  private TaskQueues() {}

  /** True when {@code queue} is non-empty and has no whitespace, control character or comma. */
  public static boolean isValid(String queue) {
    if (queue == null || queue.isEmpty()) {
      return false;
    }
    for (int i = 0; i < queue.length(); ) {
      int c = queue.codePointAt(i);
      if (Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || Character.isISOControl(c)
          || c == ',') {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /** {@code queue} for a message: quoted control characters, so that the bad one shows. */
  public static String shown(String queue) {
    if (queue == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < queue.length(); i++) {
      char c = queue.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return TaskIds.shown(out.toString());
  }
}

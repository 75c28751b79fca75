package io.processflow.api.internal.graph;

import java.util.regex.Pattern;

/**
 * The rule for DAG and task ids, shared by the processor and the DSL: Airflow's own rule (letters,
 * digits, {@code _ . -}, at most 250 characters), less {@code "."} and {@code ".."}, which as a
 * directory name in the runs directory would be its root or its parent.
 */
public final class TaskIds {
  /** Airflow's {@code ID_LEN}: the longest DAG, task or run id. */
  public static final int MAX_LENGTH = 250;

  /** Letters, digits, underscores, dots and dashes. */
  public static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

  /** A human description of {@link #isValid}, for error messages. */
  public static final String RULE =
      "ids may only contain letters, digits, '_', '.' and '-' ([A-Za-z0-9_.-]+), at most "
          + MAX_LENGTH
          + " characters, and may not be '.' or '..'";

  private TaskIds() {}

  /**
   * {@code id} for a message: cut after 60 characters, with its length, so a huge id stays
   * readable.
   */
  public static String shown(String id) {
    return id == null || id.length() <= 60
        ? id
        : id.substring(0, 60) + "…(" + id.length() + " characters)";
  }

  /**
   * True when {@code id} matches {@link #VALID} and is neither {@code "."} nor {@code ".."}. A loop
   * over the characters, not the pattern: building a 100,000-task DAG checks every id, and a {@code
   * Matcher} per id was a fifth of what building allocated (RuntimeBench, end to end).
   */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= ALLOWED.length || !ALLOWED[c]) {
        return false;
      }
    }
    return !id.equals(".") && !id.equals("..");
  }

  /** The characters an id may have, by code: one load per character instead of six compares. */
  private static final boolean[] ALLOWED = new boolean[128];

  static {
    for (char c = 0; c < ALLOWED.length; c++) {
      ALLOWED[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == '-';
    }
  }
}

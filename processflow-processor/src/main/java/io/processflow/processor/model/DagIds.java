package io.processflow.processor.model;

import java.util.Locale;

/** Default DAG ids. */
public final class DagIds {
  private DagIds() {}

  /**
   * A class's simple name in snake_case: {@code MyEtl} is {@code my_etl}, {@code TestDag} is {@code
   * test_dag}, {@code ETLJob} is {@code etl_job}. A word starts at an upper-case letter that
   * follows a lower-case letter or digit, or that ends a run of capitals followed by lower case.
   */
  public static String snakeCase(String simpleName) {
    StringBuilder id = new StringBuilder(simpleName.length() + 4);
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char previous = simpleName.charAt(i - 1);
        boolean nextIsLower =
            i + 1 < simpleName.length() && Character.isLowerCase(simpleName.charAt(i + 1));
        if (Character.isLowerCase(previous)
            || Character.isDigit(previous)
            || (Character.isUpperCase(previous) && nextIsLower)) {
          id.append('_');
        }
      }
      id.append(c);
    }
    return id.toString().toLowerCase(Locale.ROOT);
  }
}

package io.processflow.api.internal.graph;

import java.util.Optional;

/** "Did you mean" for misspelled ids. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The known id closest to {@code unknown} by edit distance, when exactly one is close enough (at
   * most a third of the longer id, and at least 1 edit allowed); empty otherwise.
   */
  public static Optional<String> closest(String unknown, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String candidate : known) {
      int limit = Math.max(1, Math.max(unknown.length(), candidate.length()) / 3);
      if (Math.abs(candidate.length() - unknown.length()) > limit) {
        continue;
      }
      int d = distance(unknown, candidate);
      if (d > limit) {
        continue;
      }
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance && !candidate.equals(best)) {
        tie = true;
      }
    }
    return tie ? Optional.empty() : Optional.ofNullable(best);
  }

  /**
   * {@code " (did you mean 'x'?)"} for the known id closest to {@code unknown} (see {@link
   * #closest}), or an empty string: the clause the commands put after an unknown id.
   */
  public static String didYouMean(String unknown, Iterable<String> known) {
    return closest(unknown, known).map(id -> " (did you mean '" + id + "'?)").orElse("");
  }

  /** Levenshtein distance, computed with two rows. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

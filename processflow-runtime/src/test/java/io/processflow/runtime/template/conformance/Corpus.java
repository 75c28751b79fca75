package io.processflow.runtime.template.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The conformance corpus ({@code corpus.txt}): one template per line, {@code ## name} lines start a
 * category, {@code #} lines are comments, and {@code ⏎} stands for a newline in a template.
 */
final class Corpus {
  static final String NEWLINE = "⏎";

  /** One template of the corpus, with where it is written. */
  record Case(String category, int line, String template) {
    /** The template as written in the corpus, newlines shown as {@value #NEWLINE}. */
    String written() {
      return template.replace("\n", NEWLINE);
    }
  }

  private Corpus() {}

  static List<Case> load() throws IOException {
    String text;
    try (InputStream in = Corpus.class.getResourceAsStream("/jinja-conformance/corpus.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> cases = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String category = "uncategorised";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("## ")) {
        category = line.substring(3).trim();
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        if (!seen.add(line)) {
          throw new IllegalStateException(
              "corpus.txt line " + (i + 1) + " repeats a template: " + line);
        }
        cases.add(new Case(category, i + 1, line.replace(NEWLINE, "\n")));
      }
    }
    return cases;
  }
}

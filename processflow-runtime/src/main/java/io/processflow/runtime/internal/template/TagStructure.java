package io.processflow.runtime.internal.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of Jinja2's parser that Jinjava's lacks, on a template's statements in order (see
 * {@link JinjaSource}): {@code else} and {@code elif} only where they belong ({@code else} once in
 * an {@code if} or a {@code for}, after any {@code elif}), nothing after {@code else} or an end tag
 * (but {@code endblock} may repeat its block's name), and a tag name after <code>{%</code>. Jinjava
 * takes {@code {% else if x %}} for an {@code elif}, an {@code else} anywhere for one of the
 * enclosing {@code if}, and ignores what follows an end tag, so such a template rendered something
 * where Jinja2 refuses it.
 */
final class TagStructure {
  private static final Set<String> BLOCKS =
      Set.of("if", "for", "macro", "call", "filter", "block", "with", "autoescape", "set");
  private static final Pattern TAG =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z_0-9]*)?(.*)", Pattern.DOTALL);

  /** An open block: its tag, its block's name for {@code block}, and whether it had its else. */
  private static final class Open {
    final String tag;
    final String name;
    boolean elseSeen;

    Open(String tag, String name) {
      this.tag = tag;
      this.name = name;
    }
  }

  private final Deque<Open> open = new ArrayDeque<>();

  /**
   * Checks the statement whose text (between the delimiters and their whitespace control) is {@code
   * text}; a refusal has no line yet (JinjaSource gives it one).
   */
  void visit(String text) {
    Matcher m = TAG.matcher(text);
    m.matches();
    String tag = m.group(1);
    String rest = m.group(2).strip();
    if (tag == null) {
      throw new JinjaSemantics.SyntaxRefused(0, "tag name expected, not '" + text.strip() + "'");
    }
    switch (tag) {
      case "else" -> {
        nothingAfter(tag, rest);
        Open top = open.peek();
        if (top == null || !(top.tag.equals("if") || top.tag.equals("for")) || top.elseSeen) {
          throw misplaced(tag, top);
        }
        top.elseSeen = true;
      }
      case "elif" -> {
        Open top = open.peek();
        if (top == null || !top.tag.equals("if") || top.elseSeen) {
          throw misplaced(tag, top);
        }
        if (rest.isEmpty()) {
          throw new JinjaSemantics.SyntaxRefused(0, "'elif' needs a condition: {% elif x > 1 %}");
        }
      }
      default -> {
        if (tag.equals("raw")) {
          nothingAfter(tag, rest); // a raw tag with nothing after it never comes here
        } else if (tag.startsWith("end") && BLOCKS.contains(tag.substring(3))) {
          end(tag.substring(3), rest);
        } else if (BLOCKS.contains(tag)
            && !(tag.equals("set") && JinjaTags.TopLevel.find(rest, "=") >= 0)) {
          open.push(new Open(tag, tag.equals("block") ? rest.split("\\s+")[0] : null));
        }
      }
    }
  }

  private void end(String block, String rest) {
    Open top = open.peek();
    if (block.equals("block") && top != null && top.tag.equals("block") && rest.equals(top.name)) {
      open.pop();
      return;
    }
    nothingAfter("end" + block, rest);
    if (top != null && top.tag.equals(block)) {
      open.pop();
    }
    // an end tag that closes nothing open here: Jinjava reports it
  }

  private static void nothingAfter(String tag, String rest) {
    if (!rest.isEmpty()) {
      throw new JinjaSemantics.SyntaxRefused(
          0,
          "expected the end of the '"
              + tag
              + "' tag (%}), got '"
              + rest
              + "'"
              + (tag.equals("else") && rest.startsWith("if") ? "; write {% elif ... %}" : ""));
    }
  }

  private static JinjaSemantics.SyntaxRefused misplaced(String tag, Open top) {
    String where =
        top == null
            ? "outside any block"
            : top.elseSeen && !top.tag.equals("macro")
                ? "after the 'else' of this '" + top.tag + "'"
                : "inside '" + top.tag + "'";
    return new JinjaSemantics.SyntaxRefused(
        0,
        "'"
            + tag
            + "' is misplaced "
            + where
            + (tag.equals("elif")
                ? "; elif belongs to an if, before its else"
                : "; else belongs to an if or a for, once, after any elif"));
  }
}

package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.Tag;

/**
 * Installs Jinja2's semantics into a Jinjava through its extension points: Python printing ({@link
 * PythonOutput}), Jinja2's filters ({@link JinjaFilters}), tests, tags ({@link JinjaTags}) and
 * globals ({@link JinjaGlobals}); and applies Jinja2's treatment of a template's newlines. Python's
 * operators and syntax come with the expression parser, {@link PythonSyntax}.
 */
public final class JinjaSemantics {
  /** A template that Jinja2's parser refuses, found before Jinjava reads it (see JinjaSource). */
  public static final class SyntaxRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    SyntaxRefused(int line, String message) {
      super(message, null, false, false);
      this.line = line;
    }

    /** The template's line (from 1) of the refused statement. */
    public int line() {
      return line;
    }
  }

  private JinjaSemantics() {}

  /**
   * Prints values as Python prints them; Jinjava copies no expression strategy from its global
   * context, so each render's interpreters set it ({@link RenderLimits#interpreters}).
   */
  public static final PythonOutput OUTPUT = new PythonOutput();

  /**
   * Checks the arguments of every filter and test Jinja2 has as Python would (see JinjaSignatures):
   * called once all of them are registered.
   */
  public static void checkArguments(Jinjava jinjava) {
    JinjaSignatures.install(jinjava);
  }

  public static void install(Jinjava jinjava) {
    for (Filter filter : JinjaFilters.all()) {
      jinjava.registerFilter(filter);
    }
    jinjava.getGlobalContext().registerExpTest(new PyNone.IsNone());
    for (ExpTest test : JinjaFilters.tests()) {
      jinjava.getGlobalContext().registerExpTest(test);
    }
    for (Tag tag : JinjaTags.all()) {
      jinjava.getGlobalContext().registerTag(tag);
    }
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition("", "dict", JinjaGlobals.class, "dict", Object[].class));
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition("", "cycler", JinjaGlobals.class, "cycler", Object[].class));
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition("", "joiner", JinjaGlobals.class, "joiner", Object[].class));
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition(
                "", "loop", JinjaTags.class, "loopOutsideFor", Object[].class));
  }

  /**
   * The source as Jinja2 (as Airflow configures it) reads it: {@code \r\n} and {@code \r} are
   * newlines, and one trailing newline is dropped ({@code keep_trailing_newline=False}), so a
   * {@code .sql} file ending with a newline renders without it. Where Jinjava's tokenizer reads the
   * source otherwise than Jinja2's lexer, it is rewritten here too ({@link JinjaSource}).
   */
  public static String normalizeNewlines(String source) {
    return JinjaSource.prepare(newlines(source));
  }

  private static String newlines(String source) {
    String text =
        source.indexOf('\r') < 0 ? source : source.replace("\r\n", "\n").replace('\r', '\n');
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}

package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.LengthLimitingStringBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Jinja2's {@code for} (with {@code if} filtering, {@code else}, strings iterated by character and
 * Jinja2's {@code loop}), {@code filter} and {@code with} blocks, which Jinjava lacks or reads
 * differently, and {@code if}/{@code elif} deciding by Python's truth.
 */
final class JinjaTags {
  private JinjaTags() {}

  static List<Tag> all() {
    return List.of(
        new ForTag(),
        new FilterTag(),
        new WithTag(),
        new IfTag(),
        new JinjaSetTag(),
        new JinjaMacroTags.DefTag(),
        new JinjaMacroTags.CallTag());
  }

  /**
   * {@code if} and its {@code elif}s decide by Python's truth (PyValues#truth): Jinjava's own takes
   * the string {@code 'false'} and numbers below 1 such as {@code 0.5} for false.
   */
  static final class IfTag extends com.hubspot.jinjava.lib.tag.IfTag {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isPositiveIfElseNode(TagNode node, JinjavaInterpreter interpreter) {
      return PyValues.truth(
          interpreter.resolveELExpression(
              node.getHelpers(), node.getLineNumber(), node.getStartPosition()));
    }
  }

  /** The text of {@code node}'s children, from {@code from} up to {@code to} (exclusive). */
  static String render(List<Node> children, int from, int to, JinjavaInterpreter interpreter) {
    LengthLimitingStringBuilder out =
        new LengthLimitingStringBuilder(interpreter.getConfig().getMaxOutputSize());
    for (int i = from; i < to; i++) {
      out.append(children.get(i).render(interpreter).getValue());
    }
    return out.toString();
  }

  private static TemplateSyntaxException syntax(TagNode node, String message) {
    return new TemplateSyntaxException(
        node.getMaster().getImage(), message, node.getLineNumber(), node.getStartPosition());
  }

  /** {@code {% for a, b in items if cond %}...{% else %}...{% endfor %}}. */
  static final class ForTag implements Tag {
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
      return "for";
    }

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
      String helpers = node.getHelpers().trim();
      int in = TopLevel.find(helpers, " in ");
      if (in < 0) {
        throw syntax(node, "Tag 'for' expects 'for NAME in ITERABLE', got: " + helpers);
      }
      AssignTarget target = AssignTarget.parse(helpers.substring(0, in), false, node);
      String rest = helpers.substring(in + 4).trim();
      boolean recursive = rest.matches("(?s).*\\srecursive");
      if (recursive) {
        rest = rest.substring(0, rest.length() - "recursive".length()).trim();
      }
      String condition = null;
      int iff = TopLevel.find(rest, " if ");
      if (iff >= 0) {
        condition = rest.substring(iff + 4).trim();
        rest = rest.substring(0, iff).trim();
      }
      Object iterable = interpreter.resolveELExpression(rest, node.getLineNumber());
      if (iterable == null) {
        throw new InterpretException(
            "'" + rest + "' is undefined", node.getLineNumber(), node.getStartPosition());
      }
      return new Run(node, interpreter, target, condition, recursive, new boolean[1])
          .loop(iterable, 1);
    }
  }

  /**
   * One {@code for} tag running, over its iterable and, when recursive, over what it recurses on;
   * {@code tooDeep} is set once its recursion passed the depth bound.
   */
  private record Run(
      TagNode node,
      JinjavaInterpreter interpreter,
      AssignTarget target,
      String condition,
      boolean recursive,
      boolean[] tooDeep) {
    String loop(Object iterable, int depth) {
      // Macros' depth bound (TemplateEngine's MAX_MACRO_DEPTH) bounds recursive loops too.
      // Once too deep, every further level fails at once: the loop stops instead of widening.
      int maxDepth = interpreter.getConfig().getMaxMacroRecursionDepth();
      if (tooDeep[0] || depth > maxDepth) {
        tooDeep[0] = true;
        throw new PyException(
            "RecursionError",
            "maximum recursion depth exceeded: the recursive loop went deeper than "
                + maxDepth
                + " levels; stop recursing where the items have no children");
      }
      List<Object> items = new ArrayList<>();
      try (InterpreterScopeClosable scope = interpreter.enterScope()) {
        for (Object item : PyMethods.iterate(iterable)) {
          Object value = NullsAsNone.wrap(item);
          if (condition != null) {
            target.assign(value, interpreter, node);
            if (!PyValues.truth(interpreter.resolveELExpression(condition, node.getLineNumber()))) {
              continue;
            }
          }
          items.add(value);
        }
      }
      List<Node> children = node.getChildren();
      int elseAt = children.size();
      for (int i = 0; i < children.size(); i++) {
        if (children.get(i) instanceof TagNode tag && tag.getName().equals("else")) {
          elseAt = i;
          break;
        }
      }
      if (items.isEmpty()) {
        return elseAt < children.size()
            ? render(children, elseAt + 1, children.size(), interpreter)
            : "";
      }
      LengthLimitingStringBuilder out =
          new LengthLimitingStringBuilder(interpreter.getConfig().getMaxOutputSize());
      Object[] changed = {NOT_CALLED};
      for (int i = 0; i < items.size(); i++) {
        RenderLimits.iteration(interpreter);
        try (InterpreterScopeClosable scope = interpreter.enterScope()) {
          target.assign(items.get(i), interpreter, node);
          interpreter.getContext().put("loop", new Loop(items, i, changed, depth, this));
          out.append(render(children, 0, elseAt, interpreter));
        }
      }
      return out.toString();
    }
  }

  /** {@code loop(...)} where no loop is: Jinja2's error for an undefined name. */
  public static Object loopOutsideFor(Object... arguments) {
    throw new PyException("UndefinedError", "'loop' is undefined");
  }

  /** What {@code loop.changed} was last called with, before its first call. */
  private static final Object NOT_CALLED = new Object();

  /**
   * Jinja2's {@code loop}: index, index0, revindex, revindex0, first, last, length, depth, ...;
   * called, {@code loop(children)}, it runs a recursive loop again over {@code children}.
   */
  public static final class Loop {
    private final List<Object> items;
    private final int at;
    private final int depth;
    private final Run run;

    /** The values of the last {@link #changed} call, shared by the loop's iterations. */
    private final Object[] lastChanged;

    Loop(List<Object> items, int at, Object[] lastChanged, int depth, Run run) {
      this.items = items;
      this.at = at;
      this.lastChanged = lastChanged;
      this.depth = depth;
      this.run = run;
    }

    /**
     * {@code loop(children)}: the loop's body over {@code children}, one level deeper, as a plain
     * string (Jinja2's, without autoescape), so that {@code | e} escapes it.
     */
    Object call(Object... arguments) {
      if (!run.recursive()) {
        throw PyException.typeError(
            "Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier.");
      }
      if (arguments.length != 1) {
        throw PyException.typeError(
            "loop() takes 1 argument (the items to loop over), " + arguments.length + " given");
      }
      if (arguments[0] == null) {
        throw PyException.typeError("'NoneType' object is not iterable");
      }
      return run.loop(arguments[0], depth + 1);
    }

    /** True on the first call, and whenever called with other values than the last call. */
    public boolean changed(Object... values) {
      List<Object> now = java.util.Arrays.asList(values);
      if (lastChanged[0] != NOT_CALLED && PyValues.eq(lastChanged[0], now)) {
        return false;
      }
      lastChanged[0] = now;
      return true;
    }

    public long getIndex() {
      return at + 1L;
    }

    public long getIndex0() {
      return at;
    }

    public long getRevindex() {
      return items.size() - (long) at;
    }

    public long getRevindex0() {
      return items.size() - at - 1L;
    }

    public boolean isFirst() {
      return at == 0;
    }

    public boolean isLast() {
      return at == items.size() - 1;
    }

    public long getLength() {
      return items.size();
    }

    /**
     * 1, and one more at each recursive call of the loop: Jinja2's depth counts those calls, not
     * nesting (a nested loop is at 1).
     */
    public long getDepth() {
      return depth;
    }

    public long getDepth0() {
      return depth - 1L;
    }

    public Object getPrevitem() {
      return at > 0 ? items.get(at - 1) : null;
    }

    public Object getNextitem() {
      return at + 1 < items.size() ? items.get(at + 1) : null;
    }

    public Object cycle(Object... values) {
      if (values.length == 0) {
        throw PyException.typeError("no items for cycling given");
      }
      return values[at % values.length];
    }

    @Override
    public String toString() {
      return "<LoopContext " + (at + 1) + "/" + items.size() + ">";
    }
  }

  /** {@code {% filter upper %}...{% endfilter %}}: the block's text through a filter chain. */
  static final class FilterTag implements Tag {
    private static final long serialVersionUID = 1L;
    private static final String BODY = "__processflow_filter_body";

    @Override
    public String getName() {
      return "filter";
    }

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
      String body = render(node.getChildren(), 0, node.getChildren().size(), interpreter);
      try (InterpreterScopeClosable scope = interpreter.enterScope()) {
        interpreter.getContext().put(BODY, body);
        Object result =
            interpreter.resolveELExpression(
                BODY + " | " + node.getHelpers().trim(), node.getLineNumber());
        return result == null ? "" : PyValues.str(result);
      }
    }
  }

  /** {@code {% with a = 1, b = x %}...{% endwith %}}: names visible only inside the block. */
  static final class WithTag implements Tag {
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
      return "with";
    }

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
      List<Object[]> assignments = new ArrayList<>();
      for (String assignment : TopLevel.split(node.getHelpers().trim(), ',')) {
        int eq = TopLevel.find(assignment, "=");
        String name = eq < 0 ? "" : assignment.substring(0, eq).trim();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw syntax(node, "Tag 'with' expects 'NAME = EXPRESSION', got: " + assignment.trim());
        }
        assignments.add(
            new Object[] {
              name,
              interpreter.resolveELExpression(
                  assignment.substring(eq + 1).trim(), node.getLineNumber())
            });
      }
      try (InterpreterScopeClosable scope = interpreter.enterScope()) {
        for (Object[] assignment : assignments) {
          interpreter.getContext().put((String) assignment[0], NullsAsNone.wrap(assignment[1]));
        }
        return render(node.getChildren(), 0, node.getChildren().size(), interpreter);
      }
    }
  }

  /** Finding and splitting at a top level of a tag's text: outside strings and brackets. */
  static final class TopLevel {
    private TopLevel() {}

    static int find(String text, String needle) {
      return scan(
          text,
          0,
          (i, depth) ->
              depth == 0
                  && text.startsWith(needle, i)
                  && !(needle.equals("=")
                      && (i + 1 < text.length() && text.charAt(i + 1) == '='
                          || i > 0 && "=!<>".indexOf(text.charAt(i - 1)) >= 0)));
    }

    /** The index of the bracket that closes the one at {@code open}, or -1. */
    static int closing(String text, int open) {
      return scan(text, open, (i, depth) -> depth == 0 && ")]}".indexOf(text.charAt(i)) >= 0);
    }

    /** Where a character outside strings meets {@code stop} (given its bracket depth), or -1. */
    private static int scan(String text, int from, Stop stop) {
      int[] depth = {0};
      return outsideStrings(
          text,
          from,
          i -> {
            char c = text.charAt(i);
            if (")]}".indexOf(c) >= 0) {
              depth[0]--;
            }
            if (stop.at(i, depth[0])) {
              return true;
            }
            if ("([{".indexOf(c) >= 0) {
              depth[0]++;
            }
            return false;
          });
    }

    /**
     * The first index from {@code from} outside string literals where {@code stop} holds, or -1.
     */
    static int outsideStrings(String text, int from, IntPredicate stop) {
      char quote = 0;
      for (int i = from; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quote != 0) {
          if (c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (stop.test(i)) {
          return i;
        }
      }
      return -1;
    }

    @FunctionalInterface
    private interface Stop {
      boolean at(int index, int depth);
    }

    static List<String> split(String text, char separator) {
      List<String> parts = new ArrayList<>();
      String rest = text;
      int at;
      while ((at = find(rest, String.valueOf(separator))) >= 0) {
        parts.add(rest.substring(0, at));
        rest = rest.substring(at + 1);
      }
      parts.add(rest);
      return parts;
    }
  }
}

package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.lib.tag.MacroTag;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.TagNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code {% macro %}} and {@code {% call %}} with Jinja2's calls ({@link JinjaMacroFunction}):
 * defaults evaluated per call, {@code varargs} a tuple, and call blocks that take arguments ({@code
 * {% call(user) list_users(users) %}...{{ user }}...{% endcall %}}).
 */
final class JinjaMacroTags {
  private JinjaMacroTags() {}

  /** The text between {@code text}'s first {@code (} and the parenthesis that closes it. */
  static String parenthesized(String text, TagNode node) {
    int open = text.indexOf('(');
    int close = open < 0 ? -1 : JinjaTags.TopLevel.closing(text, open);
    if (close > 0) {
      return text.substring(open + 1, close);
    }
    throw new TemplateSyntaxException(
        node.getMaster().getImage(),
        "Tag '" + node.getName() + "' expects a parenthesized argument list, got: " + text.trim(),
        node.getLineNumber(),
        node.getStartPosition());
  }

  /**
   * Jinjava's {@code macro} tag (names, imports, nested macros), but the macro is a {@link
   * JinjaMacroFunction}. Jinjava evaluates the defaults when it reads the tag, where a default that
   * names an earlier argument would fail: the parameters read as None meanwhile, and the errors of
   * those evaluations are dropped, as each call evaluates the defaults again.
   */
  static final class DefTag extends MacroTag {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Integer> ERRORS_BEFORE = new ThreadLocal<>();

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
      Map<String, Object> scope = interpreter.getContext().getScope();
      Map<String, Object> shadowed = new LinkedHashMap<>();
      String parameters = parenthesized(node.getHelpers(), node);
      for (String parameter : JinjaMacroFunction.parameters(parameters, node).keySet()) {
        shadowed.put(parameter, scope.containsKey(parameter) ? scope.get(parameter) : ABSENT);
        scope.put(parameter, PyNone.NONE);
      }
      Integer outer = ERRORS_BEFORE.get();
      ERRORS_BEFORE.set(interpreter.getErrorsCopy().size());
      try {
        return super.interpret(node, interpreter);
      } finally {
        ERRORS_BEFORE.set(outer);
        shadowed.forEach(
            (name, value) -> {
              if (value == ABSENT) {
                scope.remove(name);
              } else {
                scope.put(name, value);
              }
            });
      }
    }

    private static final Object ABSENT = new Object();

    @Override
    protected MacroFunction constructMacroFunction(
        TagNode node,
        JinjavaInterpreter interpreter,
        String name,
        LinkedHashMap<String, Object> evaluatedDefaults) {
      while (interpreter.getErrorsCopy().size() > ERRORS_BEFORE.get()) {
        interpreter.removeLastError();
      }
      return JinjaMacroFunction.of(
          node, name, parenthesized(node.getHelpers(), node), false, interpreter);
    }
  }

  /**
   * {@code {% call(args) macro(...) %}body{% endcall %}}: the body is the macro's {@code caller}.
   */
  static final class CallTag implements Tag {
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
      return "call";
    }

    @Override
    public String getEndTagName() {
      return "endcall";
    }

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
      String call = node.getHelpers().trim();
      String parameters = "";
      if (call.startsWith("(")) {
        parameters = parenthesized(call, node);
        call = call.substring(parameters.length() + 2).trim();
      }
      try (InterpreterScopeClosable scope = interpreter.enterNonStackingScope()) {
        interpreter
            .getContext()
            .addGlobalMacro(JinjaMacroFunction.of(node, "caller", parameters, true, interpreter));
        return interpreter.render("{{" + call + "}}");
      }
    }
  }
}

package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.lib.tag.MacroTag;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import java.util.LinkedHashMap;

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
   * JinjaMacroFunction}. Jinjava reads a tag whose parameters have no defaults ({@code m(a, b)}):
   * it would evaluate them when it reads the tag, where a default may name an earlier argument or a
   * name set later, and it cannot parse one with parentheses; each call evaluates them instead.
   */
  static final class DefTag extends MacroTag {
    private static final long serialVersionUID = 1L;

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
      String helpers = node.getHelpers();
      String parameters = parenthesized(helpers, node);
      String names = String.join(", ", JinjaMacroFunction.parameters(parameters, node).keySet());
      String undefaulted = helpers.substring(0, helpers.indexOf('(')) + "(" + names + ")";
      return super.interpret(new Undefaulted(node, undefaulted), interpreter);
    }

    @Override
    protected MacroFunction constructMacroFunction(
        TagNode node,
        JinjavaInterpreter interpreter,
        String name,
        LinkedHashMap<String, Object> argumentsWithoutDefaults) {
      TagNode tag = ((Undefaulted) node).tag;
      return JinjaMacroFunction.of(
          tag, name, parenthesized(tag.getHelpers(), tag), false, interpreter);
    }
  }

  /**
   * A macro tag as Jinjava reads it: {@code helpers} is its name and parameters without defaults.
   */
  private static final class Undefaulted extends TagNode {
    private static final long serialVersionUID = 1L;
    private final transient TagNode tag;
    private final String helpers;

    Undefaulted(TagNode tag, String helpers) {
      super(tag.getTag(), (TagToken) tag.getMaster(), tag.getSymbols());
      this.tag = tag;
      this.helpers = helpers;
      setParent(tag.getParent());
      setChildren(tag.getChildren());
    }

    @Override
    public String getHelpers() {
      return helpers;
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

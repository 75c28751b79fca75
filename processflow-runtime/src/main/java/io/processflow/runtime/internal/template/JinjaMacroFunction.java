package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A macro (or a call block's {@code caller}) called as Jinja2 calls one: defaults are evaluated at
 * each call and may name earlier arguments ({@code b=a * 2}); extra positional arguments are the
 * tuple {@code varargs} and unknown keyword arguments the dict {@code kwargs}, and both fail, as in
 * Jinja2, unless the body uses that name.
 */
final class JinjaMacroFunction extends MacroFunction {
  private static final Pattern WORD = Pattern.compile("[A-Za-z_]\\w*");

  private final Map<String, String> defaults;
  private final boolean takesVarargs;
  private final boolean takesKwargs;

  private JinjaMacroFunction(
      TagNode node,
      String name,
      Map<String, String> defaults,
      boolean caller,
      JinjavaInterpreter interpreter) {
    super(
        node.getChildren(),
        name,
        unset(defaults),
        caller,
        interpreter.getContext(),
        interpreter.getLineNumber(),
        interpreter.getPosition());
    this.defaults = defaults;
    StringBuilder body = new StringBuilder();
    for (Node child : node.getChildren()) {
      body.append(child.reconstructImage());
    }
    this.takesVarargs = Pattern.compile("\\bvarargs\\b").matcher(body).find();
    this.takesKwargs = Pattern.compile("\\bkwargs\\b").matcher(body).find();
  }

  private JinjaMacroFunction(JinjaMacroFunction source, String name) {
    super(source, name);
    this.defaults = source.defaults;
    this.takesVarargs = source.takesVarargs;
    this.takesKwargs = source.takesKwargs;
  }

  @Override
  public MacroFunction cloneWithNewName(String name) {
    return new JinjaMacroFunction(this, name);
  }

  /** The macro {@code name(parameters)} whose body is {@code node}'s. */
  static JinjaMacroFunction of(
      TagNode node,
      String name,
      String parameters,
      boolean caller,
      JinjavaInterpreter interpreter) {
    return new JinjaMacroFunction(node, name, parameters(parameters, node), caller, interpreter);
  }

  /** Each parameter of {@code text} ({@code a, b=1}) and its default's expression, or null. */
  static Map<String, String> parameters(String text, TagNode node) {
    Map<String, String> defaults = new LinkedHashMap<>();
    if (!text.isBlank()) {
      for (String parameter : JinjaTags.TopLevel.split(text, ',')) {
        int eq = JinjaTags.TopLevel.find(parameter, "=");
        String argument = (eq < 0 ? parameter : parameter.substring(0, eq)).trim();
        if (!WORD.matcher(argument).matches() || defaults.containsKey(argument)) {
          throw new TemplateSyntaxException(
              node.getMaster().getImage(),
              "Tag '" + node.getName() + "' has a bad parameter '" + parameter.trim() + "'",
              node.getLineNumber(),
              node.getStartPosition());
        }
        if (eq < 0 && defaults.values().stream().anyMatch(Objects::nonNull)) {
          throw new TemplateSyntaxException(
              node.getMaster().getImage(),
              "non-default argument '" + argument + "' follows default argument",
              node.getLineNumber(),
              node.getStartPosition());
        }
        defaults.put(argument, eq < 0 ? null : parameter.substring(eq + 1).trim());
      }
    }
    return defaults;
  }

  /** Arguments not given stay {@link #UNSET} until the call evaluates their defaults. */
  private static final Object UNSET = new Object();

  private static LinkedHashMap<String, Object> unset(Map<String, String> defaults) {
    LinkedHashMap<String, Object> arguments = new LinkedHashMap<>();
    defaults.keySet().forEach(name -> arguments.put(name, UNSET));
    return arguments;
  }

  /**
   * A call's arguments, checked as Python binds them: a keyword may not name a parameter that a
   * positional argument already gave, nor come twice (Jinjava let the last one win).
   */
  @Override
  public Object evaluate(Object... args) {
    List<String> names = List.copyOf(defaults.keySet());
    int positional = 0;
    Set<String> named = new HashSet<>();
    for (Object arg : args == null ? new Object[0] : args) {
      if (!(arg instanceof NamedParameter parameter)) {
        positional++;
      } else if (!named.add(parameter.getName())
          || names.indexOf(parameter.getName()) >= 0
              && names.indexOf(parameter.getName()) < positional) {
        throw error(
            "TypeError: macro '"
                + getName()
                + "' got multiple values for argument '"
                + parameter.getName()
                + "'");
      }
    }
    return super.evaluate(args);
  }

  @Override
  public String getEvaluationResult(
      Map<String, Object> argMap,
      Map<String, Object> kwargMap,
      List<Object> varArgs,
      JinjavaInterpreter interpreter) {
    if (!varArgs.isEmpty() && !takesVarargs) {
      throw error(
          "TypeError: macro '"
              + getName()
              + "' takes not more than "
              + defaults.size()
              + " argument(s)");
    }
    if (!kwargMap.isEmpty() && !takesKwargs) {
      throw error(
          "TypeError: macro '"
              + getName()
              + "' takes no keyword argument '"
              + kwargMap.keySet().iterator().next()
              + "'");
    }
    Context scope = interpreter.getContext();
    showDefinitionNames(scope);
    for (Map.Entry<String, Object> argument : argMap.entrySet()) {
      if (argument.getValue() == UNSET) {
        String expression = defaults.get(argument.getKey());
        argument.setValue(
            expression == null
                ? null
                : NullsAsNone.wrap(
                    interpreter.resolveELExpression(expression, definitionLineNumber)));
      }
      scope.put(argument.getKey(), argument.getValue());
    }
    return super.getEvaluationResult(argMap, kwargMap, new PyTuple(varArgs), interpreter);
  }

  /**
   * Puts the names of the file that defined the macro (an imported one's {@code {% set %}}s) into
   * the call's {@code scope}, as Jinjava does before the body, so that defaults can name them too.
   */
  private void showDefinitionNames(Context scope) {
    Object definedIn = localContextScope.get(Context.IMPORT_RESOURCE_PATH_KEY);
    if (Objects.equals(scope.get(Context.IMPORT_RESOURCE_PATH_KEY), definedIn)) {
      return;
    }
    for (Map.Entry<String, Object> name : localContextScope.getScope().entrySet()) {
      if (!(name.getValue() instanceof MacroFunction)
          && !name.getKey().equals(Context.GLOBAL_MACROS_SCOPE_KEY)) {
        scope.put(name.getKey(), name.getValue());
      }
    }
  }

  private InterpretException error(String message) {
    return new InterpretException(message, definitionLineNumber, definitionStartPosition);
  }
}

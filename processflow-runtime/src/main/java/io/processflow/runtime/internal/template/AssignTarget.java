package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.objects.Namespace;
import com.hubspot.jinjava.tree.TagNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code {% set %}} and {@code {% for %}} assign to, read as Jinja2 reads it: a name, a tuple
 * of names and nested tuples ({@code a, (b, c)}, unpacked as Python unpacks), or, for {@code set}
 * alone, one namespace attribute ({@code ns.total}).
 */
sealed interface AssignTarget {
  /** Binds {@code value} in the interpreter's current scope. */
  void assign(Object value, JinjavaInterpreter interpreter, TagNode node);

  /** One name. */
  record Name(String name) implements AssignTarget {
    @Override
    public void assign(Object value, JinjavaInterpreter interpreter, TagNode node) {
      interpreter.getContext().put(name, NullsAsNone.wrap(value));
    }
  }

  /** {@code ns.attribute}: only a {@code namespace()} takes one, as in Jinja2. */
  record Attribute(String base, String attribute) implements AssignTarget {
    @Override
    public void assign(Object value, JinjavaInterpreter interpreter, TagNode node) {
      if (!(interpreter.getContext().get(base) instanceof Namespace namespace)) {
        throw new InterpretException(
            "TemplateRuntimeError: cannot assign attribute on non-namespace object ('"
                + base
                + "'); make it with {% set "
                + base
                + " = namespace() %}",
            node.getLineNumber(),
            node.getStartPosition());
      }
      namespace.put(attribute, NullsAsNone.wrap(value));
    }
  }

  /** Names unpacked from an iterable of exactly as many items. */
  record Unpack(List<AssignTarget> items) implements AssignTarget {
    @Override
    public void assign(Object value, JinjavaInterpreter interpreter, TagNode node) {
      Object iterable =
          value instanceof Map.Entry<?, ?> entry
              ? PyTuple.of(entry.getKey(), entry.getValue())
              : value;
      if (!(iterable instanceof CharSequence
          || iterable instanceof Map<?, ?>
          || iterable instanceof Iterable<?>)) {
        throw new InterpretException(
            "TypeError: cannot unpack non-iterable " + PyValues.typeName(iterable) + " object",
            node.getLineNumber(),
            node.getStartPosition());
      }
      List<Object> parts = new ArrayList<>();
      for (Object part : PyMethods.iterate(iterable)) {
        parts.add(part);
      }
      if (parts.size() != items.size()) {
        throw new InterpretException(
            parts.size() > items.size()
                ? "ValueError: too many values to unpack (expected " + items.size() + ")"
                : "ValueError: not enough values to unpack (expected "
                    + items.size()
                    + ", got "
                    + parts.size()
                    + ")",
            node.getLineNumber(),
            node.getStartPosition());
      }
      for (int i = 0; i < items.size(); i++) {
        items.get(i).assign(parts.get(i), interpreter, node);
      }
    }
  }

  /**
   * Reads {@code text}; {@code attributes} allows {@code ns.name} (as the whole target, as in
   * Jinja2).
   */
  static AssignTarget parse(String text, boolean attributes, TagNode node) {
    String trimmed = text.trim();
    if (attributes && trimmed.matches("[A-Za-z_]\\w*\\s*\\.\\s*[A-Za-z_]\\w*")) {
      int dot = trimmed.indexOf('.');
      return new Attribute(trimmed.substring(0, dot).trim(), trimmed.substring(dot + 1).trim());
    }
    List<String> parts = JinjaTags.TopLevel.split(trimmed, ',');
    if (parts.size() == 1) {
      return item(trimmed, node);
    }
    List<AssignTarget> items = new ArrayList<>();
    for (String part : parts) {
      items.add(item(part.trim(), node));
    }
    return new Unpack(items);
  }

  private static AssignTarget item(String text, TagNode node) {
    if (text.matches("[A-Za-z_]\\w*")) {
      return new Name(text);
    }
    if (text.startsWith("(") && text.endsWith(")")) {
      String inner = text.substring(1, text.length() - 1).trim();
      // (a,) is a tuple of one; a trailing comma is allowed only inside parentheses.
      return inner.endsWith(",")
          ? new Unpack(List.of(item(inner.substring(0, inner.length() - 1).trim(), node)))
          : parse(inner, false, node);
    }
    throw new TemplateSyntaxException(
        node.getMaster().getImage(),
        "TemplateSyntaxError: can't assign to '" + text + "': assign to names, such as a, b",
        node.getLineNumber(),
        node.getStartPosition());
  }
}

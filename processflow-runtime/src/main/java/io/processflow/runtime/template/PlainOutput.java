package io.processflow.runtime.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.DefaultExpressionStrategy;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;

/**
 * Prints a string as it is, byte for byte. Jinjava prints every value through its JSON-based
 * Python-repr writer and then strips the quotes, which left control characters escaped: ESC came
 * out as the six characters {@code \u001B}, NUL as {@code \u0000}, backspace as {@code \b}, even
 * through {@code shell_quote}. Jinja2 prints {@code str(value)}. Other values (numbers, lists,
 * dicts, None) print as before.
 */
final class PlainOutput implements ExpressionStrategy {
  private static final long serialVersionUID = 1L;

  private final ExpressionStrategy others = new DefaultExpressionStrategy();

  @Override
  public RenderedOutputNode interpretOutput(ExpressionToken master, JinjavaInterpreter interpreter) {
    // Autoescape is off (Airflow's default) and nested interpretation is off, so a string needs
    // nothing else done to it.
    if (interpreter.getContext().isAutoEscape()) {
      return others.interpretOutput(master, interpreter);
    }
    Object value = interpreter.resolveELExpression(master.getExpr(), master.getLineNumber());
    if (value instanceof String || value instanceof SafeString) {
      return new RenderedOutputNode(value.toString());
    }
    return new RenderedOutputNode(interpreter.getAsString(value));
  }
}

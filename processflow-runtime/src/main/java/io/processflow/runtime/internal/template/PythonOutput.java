package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.lib.filter.EscapeFilter;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;

/**
 * Prints {@code {{ value }}} as Jinja2 does, with Python's {@code str()} ({@link PyValues#str}):
 * {@code True}, {@code 1e-07}, {@code ['a', 'b']}, {@code (1, 2)}. Values are never rendered again.
 */
public final class PythonOutput implements ExpressionStrategy {
  private static final long serialVersionUID = 1L;

  @Override
  public RenderedOutputNode interpretOutput(
      ExpressionToken master, JinjavaInterpreter interpreter) {
    if (master.getExpr().isBlank()) {
      throw new TemplateSyntaxException(
          master.getImage(),
          "Expected an expression, got 'end of print statement'",
          master.getLineNumber(),
          master.getStartPosition());
    }
    Object value = interpreter.resolveELExpression(master.getExpr(), master.getLineNumber());
    String text = value == null ? "" : PyValues.str(value);
    if (interpreter.getContext().isAutoEscape() && !(value instanceof SafeString)) {
      text = EscapeFilter.escapeHtmlEntities(text);
    }
    return new RenderedOutputNode(text);
  }
}

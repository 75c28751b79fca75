package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.SetTag;
import com.hubspot.jinjava.tree.TagNode;

/**
 * Jinja2's {@code {% set %}}: tuple assignment ({@code {% set a, b = 1, 2 %}}, {@code {% set (a, b)
 * = pair %}}, unpacked as Python unpacks, its errors included), a tuple value ({@code {% set t = 1,
 * 2 %}} is {@code (1, 2)}), and attributes of a {@code namespace()} only ({@code {% set d.k = 1 %}}
 * on a dict fails, as in Jinja2). A single name given a single value, and the block form with one
 * name, stay Jinjava's.
 */
final class JinjaSetTag extends SetTag {
  private static final long serialVersionUID = 1L;

  @Override
  public String interpret(TagNode node, JinjavaInterpreter interpreter) {
    String helpers = node.getHelpers();
    int eq = JinjaTags.TopLevel.find(helpers, "=");
    if (eq < 0) {
      if (JinjaTags.TopLevel.find(helpers, ",") < 0) {
        return super.interpret(node, interpreter);
      }
      // {% set a, b %}...{% endset %}: the block's text unpacked, as Jinja2 does.
      String body = JinjaTags.render(node.getChildren(), 0, node.getChildren().size(), interpreter);
      AssignTarget.parse(helpers, false, node).assign(body, interpreter, node);
      return "";
    }
    String expression = helpers.substring(eq + 1).trim();
    AssignTarget target = AssignTarget.parse(helpers.substring(0, eq), true, node);
    boolean tuple = JinjaTags.TopLevel.find(expression, ",") >= 0;
    if (target instanceof AssignTarget.Name && !tuple) {
      return super.interpret(node, interpreter);
    }
    Object value =
        interpreter.resolveELExpression(
            tuple ? "(" + expression + ")" : expression, node.getLineNumber());
    target.assign(value, interpreter, node);
    return "";
  }
}

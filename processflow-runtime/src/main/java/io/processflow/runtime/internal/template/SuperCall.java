package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.AstMacroFunction;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.javax.el.ELContext;

/**
 * {@code super()}: the parent template's content of the block it is called in, as Jinjava renders
 * it. Where there is none (outside a block, or in a block of a template that extends none) it
 * fails, as in Jinja2, instead of printing nothing as Jinjava's does.
 */
final class SuperCall extends AstMacroFunction {
  SuperCall(String name, int index, AstParameters params, boolean varargs) {
    super(name, index, params, varargs);
  }

  @Override
  public Object eval(Bindings bindings, ELContext context) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    if (interpreter != null && interpreter.getContext().getSuperBlock() == null) {
      throw new PyException(
          "UndefinedError",
          "super() has no parent block here: it renders the parent template's content of the"
              + " {% block %} it is called in, in a template that extends another");
    }
    return super.eval(bindings, context);
  }
}

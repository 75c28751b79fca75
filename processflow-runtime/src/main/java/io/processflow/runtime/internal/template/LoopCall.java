package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.AstMacroFunction;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.javax.el.ELContext;

/**
 * {@code loop(children)} in a recursive {@code for}: calls the loop variable ({@link
 * JinjaTags.Loop#call}). Jinjava calls only functions and macros by name, so {@code loop} is also a
 * global function ({@link JinjaTags#loopOutsideFor}) that binds the call.
 */
final class LoopCall extends AstMacroFunction {
  private final AstParameters arguments;

  LoopCall(String name, int index, AstParameters params, boolean varargs) {
    super(name, index, params, varargs);
    this.arguments = params;
  }

  @Override
  public Object eval(Bindings bindings, ELContext context) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    if (interpreter != null
        && interpreter.getContext().get("loop") instanceof JinjaTags.Loop loop) {
      return loop.call(arguments.eval(bindings, context));
    }
    return super.eval(bindings, context);
  }
}

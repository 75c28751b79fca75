package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.AstTuple;
import java.util.List;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.javax.el.ELContext;

/** A tuple literal, {@code (1, 2)}: a {@link PyTuple}. */
final class PyTupleLiteral extends AstTuple {
  PyTupleLiteral(AstParameters elements) {
    super(elements);
  }

  @Override
  public Object eval(Bindings bindings, ELContext context) {
    return new PyTuple((List<?>) super.eval(bindings, context));
  }
}

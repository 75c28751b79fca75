package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.AstDict;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.collections.SizeLimitingPyMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;

/**
 * A dict literal as Jinja2 evaluates it: each key is an expression whose value is the key, of any
 * hashable type ({@code {1: 'one'}} has the int 1, {@code {k: 1}} the value of {@code k}, {@code
 * {(1, 2): 1}} a tuple), where Jinjava turns every key into a string and refuses any other
 * expression. An undefined name as a key fails (Jinjava took the name itself as the key), as does a
 * list or dict (Python's {@code unhashable type}). Python's equal numbers are one key: {@code {1:
 * 'a', 1.0: 'b'}} keeps the first key with the last value.
 */
final class PyDictLiteral extends AstDict {
  PyDictLiteral(Map<AstNode, AstNode> dict) {
    super(dict);
  }

  @Override
  public Object eval(Bindings bindings, ELContext context) {
    PyDict result = new PyDict();
    boolean named = true;
    for (Map.Entry<AstNode, AstNode> entry : dict.entrySet()) {
      Object key = entry.getKey().eval(bindings, context);
      if (key == null) {
        throw new PyException(
            "UndefinedError", "a dict key is undefined: " + entry.getKey() + " has no value");
      }
      PyDict.checkHashable(key);
      Object value = entry.getValue().eval(bindings, context);
      Object same = PyDict.keyFor(result, key);
      Object k = same != null ? same : PyDict.canonical(key);
      named &= k instanceof String;
      result.put(k, value);
    }
    if (!named) {
      return result;
    }
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    @SuppressWarnings("unchecked") // only String keys: Jinjava's own dict, as before
    Map<String, Object> keyed = (Map<String, Object>) (Map<?, ?>) new LinkedHashMap<>(result);
    return new SizeLimitingPyMap(
        keyed, interpreter == null ? Integer.MAX_VALUE : interpreter.getConfig().getMaxMapSize());
  }
}

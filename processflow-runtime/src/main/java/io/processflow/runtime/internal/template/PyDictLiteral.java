package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.AstDict;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.collections.SizeLimitingPyMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    Map<Object, Object> result = new LinkedHashMap<>();
    for (Map.Entry<AstNode, AstNode> entry : dict.entrySet()) {
      Object key = entry.getKey().eval(bindings, context);
      if (key == null) {
        throw new PyException(
            "UndefinedError", "a dict key is undefined: " + entry.getKey() + " has no value");
      }
      if (key instanceof List<?> && !(key instanceof PyTuple) || key instanceof Map<?, ?>) {
        throw PyException.typeError("unhashable type: '" + PyValues.typeName(key) + "'");
      }
      Object value = entry.getValue().eval(bindings, context);
      result.put(existing(result, key), value);
    }
    boolean named = true;
    for (Object key : result.keySet()) {
      named &= key instanceof String;
    }
    if (!named) {
      return new PyDict(result);
    }
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    @SuppressWarnings("unchecked") // only String keys: Jinjava's own dict, as before
    Map<String, Object> keyed = (Map<String, Object>) (Map<?, ?>) result;
    return new SizeLimitingPyMap(
        keyed, interpreter == null ? Integer.MAX_VALUE : interpreter.getConfig().getMaxMapSize());
  }

  /**
   * The key already in {@code map} that Python finds equal to {@code key} (1, 1.0, True), else it.
   */
  private static Object existing(Map<Object, Object> map, Object key) {
    if (!PyValues.isNumber(key) || map.containsKey(key)) {
      return key;
    }
    for (Object other : map.keySet()) {
      if (PyValues.isNumber(other) && PyValues.eq(other, key)) {
        return other;
      }
    }
    return key;
  }
}

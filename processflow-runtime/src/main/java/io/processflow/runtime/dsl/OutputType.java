package io.processflow.runtime.dsl;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic type written as code, for {@link TaskHandle#outputType(OutputType)}: {@code new
 * OutputType<Map<String, List<Item>>>() {}} captures {@code Map<String, List<Item>>}, which a
 * {@code Class} cannot express.
 *
 * @param <T> the type
 */
public abstract class OutputType<T> {
  private final Type type;

  protected OutputType() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)
        || parameterized.getRawType() != OutputType.class) {
      throw new IllegalStateException(
          "OutputType needs its type argument: write new OutputType<List<Order>>() {}, not a raw or"
              + " intermediate subclass");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  /** The captured type. */
  public Type type() {
    return type;
  }

  @Override
  public String toString() {
    return "OutputType<" + type.getTypeName() + ">";
  }
}

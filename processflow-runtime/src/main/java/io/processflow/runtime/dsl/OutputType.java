package io.processflow.runtime.dsl;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;

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

  /**
   * {@code raw<arguments...>} without a subclass: {@code parameterized(Map.class, String.class,
   * parameterized(List.class, Item.class))} is {@code Map<String, List<Item>>}. The code the
   * processor generates declares generic output types so.
   */
  public static Type parameterized(Class<?> raw, Type... arguments) {
    if (raw.getTypeParameters().length != arguments.length) {
      throw new IllegalArgumentException(
          raw.getName()
              + " takes "
              + raw.getTypeParameters().length
              + " type arguments, not "
              + arguments.length);
    }
    return new Parameterized(raw, arguments.clone());
  }

  /** The captured type. */
  public Type type() {
    return type;
  }

  @Override
  public String toString() {
    return "OutputType<" + type.getTypeName() + ">";
  }

  private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return raw.getDeclaringClass();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ParameterizedType p
          && raw.equals(p.getRawType())
          && Objects.equals(getOwnerType(), p.getOwnerType())
          && Arrays.equals(arguments, p.getActualTypeArguments());
    }

    @Override
    public int hashCode() { // as the JDK's, so that equal types hash alike
      return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      StringBuilder name = new StringBuilder(raw.getTypeName()).append('<');
      for (int i = 0; i < arguments.length; i++) {
        name.append(i == 0 ? "" : ", ").append(arguments[i].getTypeName());
      }
      return name.append('>').toString();
    }
  }
}

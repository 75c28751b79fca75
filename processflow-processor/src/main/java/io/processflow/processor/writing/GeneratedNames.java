package io.processflow.processor.writing;

import com.palantir.javapoet.ClassName;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * {@code ProcessFlowFoo} for {@code Foo}, {@code ProcessFlowOuter_Foo} for {@code Outer.Foo}, same
 * package.
 */
public final class GeneratedNames {
  static final String PREFIX = "ProcessFlow";

  /**
   * The static method of a generated class that takes an instance of its DAG class: {@code dag(Foo
   * instance)}.
   */
  static final String FACTORY = "dag";

  private GeneratedNames() {}

  public static ClassName generatedClass(ClassName dagClass) {
    return ClassName.get(dagClass.packageName(), PREFIX + String.join("_", dagClass.simpleNames()));
  }

  /**
   * The qualified name of the {@code @Dag} class that {@code type} was generated for, when {@code
   * type} is a class this processor wrote, in this compilation or in an earlier one (read from its
   * class file, so by its shape: a {@code DagProvider} with a static {@code dag(Foo instance)}).
   * The name is there even when that class no longer exists (an error type).
   */
  public static Optional<String> dagClassOf(TypeElement type) {
    if (!implementsDagProvider(type)) {
      return Optional.empty();
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getSimpleName().contentEquals(FACTORY)
          && method.getModifiers().contains(Modifier.STATIC)
          && method.getParameters().size() == 1
          && method.getParameters().get(0).asType() instanceof DeclaredType) {
        DeclaredType parameter = (DeclaredType) method.getParameters().get(0).asType();
        return Optional.of(((TypeElement) parameter.asElement()).getQualifiedName().toString());
      }
    }
    return Optional.empty();
  }

  private static boolean implementsDagProvider(TypeElement type) {
    for (TypeMirror supertype : type.getInterfaces()) {
      if (supertype.getKind() == TypeKind.DECLARED
          && ((TypeElement) ((DeclaredType) supertype).asElement())
              .getQualifiedName()
              .contentEquals(RuntimeNames.DAG_PROVIDER.canonicalName())) {
        return true;
      }
    }
    return false;
  }
}

package io.processflow.processor.model;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/** Reads annotation mirrors, which give both the values and their source positions. */
public final class Annotations {
  private Annotations() {}

  /** The mirror of the annotation {@code type} on {@code element}, if present. */
  public static Optional<AnnotationMirror> find(Element element, Class<?> type) {
    String name = type.getCanonicalName();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotation.getQualifiedName().contentEquals(name)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value the source sets explicitly for {@code name}, or null when it uses the default. */
  public static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The value of {@code name}: the explicit one, else the annotation's default. */
  public static Object value(AnnotationMirror mirror, String name) {
    AnnotationValue explicit = explicitValue(mirror, name);
    if (explicit != null) {
      return explicit.getValue();
    }
    return defaultValue(mirror, name);
  }

  /** The annotation's default for {@code name}, or null when it has none. */
  public static Object defaultValue(AnnotationMirror mirror, String name) {
    for (ExecutableElement method :
        ElementFilter.methodsIn(mirror.getAnnotationType().asElement().getEnclosedElements())) {
      if (method.getSimpleName().contentEquals(name) && method.getDefaultValue() != null) {
        return method.getDefaultValue().getValue();
      }
    }
    return null;
  }
}

package io.processflow.processor.diagnostics;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic points: an element, optionally narrowed to one of its annotations and to one
 * value of that annotation, so that javac's caret lands on {@code @DependsOn("extrct")} itself.
 */
public record Location(Element element, AnnotationMirror annotation, AnnotationValue value) {
  public static Location of(Element element) {
    return new Location(element, null, null);
  }

  public static Location of(Element element, AnnotationMirror annotation) {
    return new Location(element, annotation, null);
  }

  public static Location of(Element element, AnnotationMirror annotation, AnnotationValue value) {
    return new Location(element, annotation, annotation == null ? null : value);
  }
}

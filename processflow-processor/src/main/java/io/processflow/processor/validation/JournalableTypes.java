package io.processflow.processor.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The compile-time mirror of what the run journal accepts as a task's output. The journal ({@code
 * runtime/journal/JournalLines} and {@code OutputTypes}) writes an output with the runtime's
 * Jackson mapper ({@code Json.mapper()}: Jackson databind with the JavaTimeModule, unknown
 * properties ignored) and reads it back as the type it records: the value's class, and for a
 * collection or map the class its elements (keys, values) share. An output it cannot write and read
 * back fails its task in any run with a journal. So, from the declared output type:
 *
 * <ul>
 *   <li>accepted: primitives and their boxes, {@code String}, enums, {@code BigDecimal}, {@code
 *       BigInteger}, {@code UUID}, {@code URI}, {@code URL}, {@code Locale}, {@code Date}, {@code
 *       File}, {@code Path}, every {@code java.time} type, Jackson's {@code JsonNode}; arrays,
 *       collections and maps of accepted types (map keys: strings, numbers, enums, {@code UUID}, or
 *       a type with a {@code String} constructor or {@code valueOf(String)}); records whose
 *       components are accepted; a class with a constructor without parameters, some public getter
 *       or field, and accepted property types; any class that uses Jackson's annotations (trusted);
 *   <li>rejected, with the reason: {@code Optional}, streams, iterators, I/O streams, readers and
 *       writers, threads, futures, functions; an inner (non-static) class; a class without a
 *       constructor without parameters, or without any public getter or field;
 *   <li>not judged: {@code Object}, type variables, interfaces and abstract classes (the value's
 *       own class decides at run time), other JDK types.
 * </ul>
 *
 * <p>This class is the one place that decides; keep it in step with the journal's accepted types.
 */
public final class JournalableTypes {
  private static final Set<String> ACCEPTED =
      Set.of(
          "java.lang.Object",
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Character",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.CharSequence",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.util.UUID",
          "java.net.URI",
          "java.net.URL",
          "java.util.Locale",
          "java.util.Date",
          "java.io.File",
          "java.nio.file.Path");

  /** Types Jackson cannot write and read back as data, by qualified name, with the reason. */
  private static final Map<String, String> REJECTED =
      Map.ofEntries(
          Map.entry(
              "java.util.Optional",
              "Optional needs Jackson's jdk8 module, which the journal does not use; return the value or null"),
          Map.entry(
              "java.util.OptionalInt",
              "OptionalInt needs Jackson's jdk8 module; return an Integer or null"),
          Map.entry(
              "java.util.OptionalLong",
              "OptionalLong needs Jackson's jdk8 module; return a Long or null"),
          Map.entry(
              "java.util.OptionalDouble",
              "OptionalDouble needs Jackson's jdk8 module; return a Double or null"),
          Map.entry("java.util.Iterator", "an iterator is not data"),
          Map.entry("java.util.stream.BaseStream", "a stream is not data; collect it to a List"),
          Map.entry("java.io.InputStream", "a stream is not data"),
          Map.entry("java.io.OutputStream", "a stream is not data"),
          Map.entry("java.io.Reader", "a reader is not data"),
          Map.entry("java.io.Writer", "a writer is not data"),
          Map.entry("java.lang.Thread", "a thread is not data"),
          Map.entry("java.util.concurrent.Future", "a future is not data"),
          Map.entry("java.lang.Runnable", "code is not data"),
          Map.entry("java.util.function.Function", "code is not data"),
          Map.entry("java.util.function.Supplier", "code is not data"),
          Map.entry("java.util.function.Consumer", "code is not data"),
          Map.entry("java.util.function.Predicate", "code is not data"),
          Map.entry("java.sql.Connection", "a connection is not data"),
          Map.entry("java.net.Socket", "a socket is not data"));

  private static final String JACKSON_ANNOTATIONS = "com.fasterxml.jackson.annotation.";

  private final Elements elements;
  private final Types types;
  private final TypeMirror collection;
  private final TypeMirror map;
  private final TypeMirror jsonNode;

  public JournalableTypes(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.collection = erased(elements, "java.util.Collection");
    this.map = erased(elements, "java.util.Map");
    this.jsonNode = erased(elements, "com.fasterxml.jackson.databind.JsonNode");
  }

  private TypeMirror erased(Elements elements, String name) {
    TypeElement element = elements.getTypeElement(name);
    return element == null ? null : types.erasure(element.asType());
  }

  /**
   * Why a task output declared as {@code type} cannot be journaled, or null when it can, or when
   * only the value's class at run time can tell.
   */
  public String whyNot(TypeMirror type) {
    return whyNot(type, new HashSet<>());
  }

  private String whyNot(TypeMirror type, Set<String> seen) {
    if (type.getKind().isPrimitive()) {
      return null;
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return inside("its elements", whyNot(((ArrayType) type).getComponentType(), seen));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return null; // a type variable, a wildcard: the value's class decides
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    if (ACCEPTED.contains(name)
        || name.startsWith("java.time.")
        || element.getKind() == ElementKind.ENUM) {
      return null;
    }
    if (jsonNode != null && types.isAssignable(types.erasure(type), jsonNode)) {
      return null;
    }
    String rejected = rejected(type);
    if (rejected != null) {
      return rejected;
    }
    if (types.isAssignable(types.erasure(type), collection)) {
      return inside("its elements", argumentWhyNot(declared, 0, seen));
    }
    if (types.isAssignable(types.erasure(type), map)) {
      List<? extends TypeMirror> arguments = declared.getTypeArguments();
      if (arguments.size() == 2) {
        String key = keyWhyNot(arguments.get(0));
        if (key != null) {
          return "its keys: " + key;
        }
        return inside("its values", whyNot(arguments.get(1), seen));
      }
      return null;
    }
    if (name.startsWith("java.")
        || name.startsWith("javax.")
        || element.getKind() == ElementKind.INTERFACE
        || element.getModifiers().contains(Modifier.ABSTRACT)
        || !seen.add(name)
        || usesJackson(element)) {
      return null;
    }
    if (element.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : element.getRecordComponents()) {
        String why = whyNot(component.asType(), seen);
        if (why != null) {
          return "its component '" + component.getSimpleName() + "': " + why;
        }
      }
      return null;
    }
    return classWhyNot(declared, element, seen);
  }

  private String classWhyNot(DeclaredType declared, TypeElement element, Set<String> seen) {
    String simple = element.getSimpleName().toString();
    if (element.getNestingKind() == NestingKind.MEMBER
        && !element.getModifiers().contains(Modifier.STATIC)) {
      return simple
          + " is an inner (non-static) class, which Jackson cannot create; make it static or a record";
    }
    if (element.getNestingKind() == NestingKind.LOCAL
        || element.getNestingKind() == NestingKind.ANONYMOUS) {
      return simple
          + " is a local or anonymous class, which Jackson cannot create; declare a record";
    }
    boolean noArgs = false;
    for (ExecutableElement constructor :
        ElementFilter.constructorsIn(element.getEnclosedElements())) {
      noArgs |= constructor.getParameters().isEmpty();
    }
    if (!noArgs) {
      return simple
          + " has no constructor without parameters, so Jackson cannot create one to read it back;"
          + " make it a record, or add such a constructor with setters";
    }
    boolean anyProperty = false;
    for (Element member : elements.getAllMembers(element)) {
      TypeMirror propertyType = propertyType(member);
      if (propertyType == null) {
        continue;
      }
      anyProperty = true;
      String why = whyNot(propertyType, seen);
      if (why != null) {
        return "its property '" + member.getSimpleName() + "': " + why;
      }
    }
    if (!anyProperty) {
      return simple
          + " has no public getter or field, so Jackson has nothing to write; make it a record,"
          + " or add getters";
    }
    return null;
  }

  /** The type of a public getter ({@code getX()}, {@code isX()}) or public field, else null. */
  private static TypeMirror propertyType(Element member) {
    if (!member.getModifiers().contains(Modifier.PUBLIC)
        || member.getModifiers().contains(Modifier.STATIC)) {
      return null;
    }
    if (member instanceof VariableElement field && member.getKind() == ElementKind.FIELD) {
      return field.asType();
    }
    if (member instanceof ExecutableElement method && member.getKind() == ElementKind.METHOD) {
      String name = method.getSimpleName().toString();
      boolean getter =
          (name.startsWith("get") && name.length() > 3 && !name.equals("getClass"))
              || (name.startsWith("is")
                  && name.length() > 2
                  && (method.getReturnType().getKind() == TypeKind.BOOLEAN));
      if (getter
          && method.getParameters().isEmpty()
          && method.getReturnType().getKind() != TypeKind.VOID) {
        return method.getReturnType();
      }
    }
    return null;
  }

  private String rejected(TypeMirror type) {
    for (Map.Entry<String, String> entry : REJECTED.entrySet()) {
      TypeMirror bad = erased(elements, entry.getKey());
      if (bad != null && types.isAssignable(types.erasure(type), bad)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private String argumentWhyNot(DeclaredType declared, int index, Set<String> seen) {
    // The Collection<E> that declared is: its own argument for List<E>, Set<E> and the like.
    for (TypeMirror t = declared; t != null; ) {
      if (t instanceof DeclaredType d && types.isSameType(types.erasure(d), collection)) {
        List<? extends TypeMirror> arguments = d.getTypeArguments();
        return arguments.size() > index ? whyNot(arguments.get(index), seen) : null;
      }
      TypeMirror next = null;
      for (TypeMirror supertype : types.directSupertypes(t)) {
        if (types.isAssignable(types.erasure(supertype), collection)) {
          next = supertype;
          break;
        }
      }
      t = next;
    }
    return null;
  }

  /** Map keys are read back from strings: Jackson needs a key type it can parse. */
  private String keyWhyNot(TypeMirror key) {
    if (key.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) key).asElement();
    String name = element.getQualifiedName().toString();
    if (ACCEPTED.contains(name)
        || name.startsWith("java.")
        || element.getKind() == ElementKind.ENUM
        || element.getKind() == ElementKind.INTERFACE
        || element.getModifiers().contains(Modifier.ABSTRACT)
        || usesJackson(element)) {
      return null;
    }
    for (ExecutableElement constructor :
        ElementFilter.constructorsIn(element.getEnclosedElements())) {
      if (isSingleString(constructor)) {
        return null;
      }
    }
    for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
      String methodName = method.getSimpleName().toString();
      if (method.getModifiers().contains(Modifier.STATIC)
          && (methodName.equals("valueOf") || methodName.equals("fromString"))
          && isSingleString(method)) {
        return null;
      }
    }
    return element.getSimpleName()
        + " as a map key is written with toString() and cannot be read back;"
        + " key the map by a String, a number or an enum";
  }

  private static boolean isSingleString(ExecutableElement executable) {
    return executable.getParameters().size() == 1
        && executable.getParameters().get(0).asType().toString().equals("java.lang.String");
  }

  private static boolean usesJackson(TypeElement element) {
    if (annotatedByJackson(element)) {
      return true;
    }
    for (Element member : element.getEnclosedElements()) {
      if (annotatedByJackson(member)) {
        return true;
      }
    }
    return false;
  }

  private static boolean annotatedByJackson(Element element) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      if (annotation.getAnnotationType().toString().startsWith(JACKSON_ANNOTATIONS)) {
        return true;
      }
    }
    return false;
  }

  private static String inside(String where, String why) {
    return why == null ? null : where + ": " + why;
  }
}

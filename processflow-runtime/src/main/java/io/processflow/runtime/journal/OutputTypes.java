package io.processflow.runtime.journal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * The types a DAG's tasks declare for their outputs ({@link TaskDefinition#outputType()}): the only
 * types a resume reads outputs as. The journal records each output's declared type as text to tell
 * a changed declaration apart, and never resolves that text: no class is loaded, initialised or
 * constructed because a journal names it. An undeclared output, and the output of a task the DAG no
 * longer has, is read as JSON's own values ({@code Object}).
 */
final class OutputTypes {
  private static final TypeFactory TYPES = JournalJson.MAPPER.getTypeFactory();
  private static final Declared UNDECLARED = new Declared(TYPES.constructType(Object.class), false);

  private final Map<String, Declared> byTask;

  private OutputTypes(Map<String, Declared> byTask) {
    this.byTask = byTask;
  }

  /** No declared types: every output read as JSON's own values. */
  static OutputTypes none() {
    return new OutputTypes(Map.of());
  }

  static OutputTypes of(DagDefinition dag) {
    Map<String, Declared> byTask = new HashMap<>();
    Map<Type, Declared> shared = new HashMap<>();
    for (TaskDefinition task : dag.tasks()) {
      Type type = task.outputType();
      byTask.put(
          task.taskId(),
          type == null
              ? UNDECLARED
              : shared.computeIfAbsent(
                  type, t -> new Declared(TYPES.constructType(boxed(t)), true)));
    }
    return new OutputTypes(byTask);
  }

  private static Type boxed(Type type) {
    if (type instanceof Class<?> c && c.isPrimitive()) {
      return MethodType.methodType(c).wrap().returnType();
    }
    return type;
  }

  /**
   * The declared output type of {@code taskId}, {@code Object} when it declares none, or {@code
   * null} when the DAG has no such task.
   */
  Declared of(String taskId) {
    return byTask.get(taskId);
  }

  /** {@code Object}: JSON's own values. */
  static Declared untyped() {
    return UNDECLARED;
  }

  /** A declared type with its reader and writer. */
  static final class Declared {
    private final JavaType type;
    private final boolean declared;
    private final String canonical;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private Declared(JavaType type, boolean declared) {
      this.type = type;
      this.declared = declared;
      this.canonical = type.toCanonical();
      this.reader = JournalJson.MAPPER.readerFor(type);
      this.writer = JournalJson.MAPPER.writerFor(type);
    }

    /** False for {@code Object} taken for a task that declares no type. */
    boolean declared() {
      return declared;
    }

    JavaType type() {
      return type;
    }

    /** The text the journal records, {@link JavaType#toCanonical()}. */
    String canonical() {
      return canonical;
    }

    ObjectReader reader() {
      return reader;
    }

    ObjectWriter writer() {
      return writer;
    }
  }
}

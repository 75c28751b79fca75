package io.processflow.processor.diagnostics;

import io.processflow.api.internal.graph.GraphMessage;

/**
 * Every message the processor reports. Each says what is wrong, the offending value and what would
 * be valid, prefixed with the stable id of the rule that found it ({@code [ProcessFlow/Cycle]}).
 * Tests build their expected text from these same constants. Graph and id problems take their words
 * from {@link GraphMessage}, which the runtime's {@code DagBuilder} reports with too.
 */
public enum Message {
  DAG_NOT_A_CLASS(
      "DagClass", "@Dag must annotate a class, but %s is %s; declare the DAG as a class"),
  DAG_INNER_CLASS(
      "DagClass",
      "@Dag class %s is %s; make it a top-level class or a static nested class so the generated code"
          + " can create it"),
  DAG_ABSTRACT(
      "DagClass",
      "@Dag class %s is abstract; the generated code creates an instance of it, so remove 'abstract'"),
  DAG_PRIVATE(
      "DagClass",
      "@Dag class %s is private; make it package-private or public so the generated code can use it"),
  DAG_GENERIC(
      "DagClass",
      "@Dag class %s declares type parameters %s; a DAG class cannot be generic: use concrete types"),
  DAG_NO_CONSTRUCTOR(
      "DagClass",
      "@Dag class %s has no constructor the generated code can call; add a non-private constructor"
          + " with no parameters"),
  /** id, {@code " of <class>"}, the rule. */
  DAG_ID_INVALID(GraphMessage.DAG_ID_INVALID),
  DAG_ID_DUPLICATE(
      "DuplicateDagId",
      "DAG id '%s' of %s is already the id of %s; DAG ids must be unique, set @Dag(id = ...)"),
  GENERATED_NAME_CLASH(
      "GeneratedName",
      "@Dag class %s would generate %s, the class generated for @Dag class %s (a nested class's names"
          + " are joined with '_'); rename one of the two classes"),
  GENERATED_NAME_TAKEN(
      "GeneratedName",
      "@Dag class %s would generate %s, but a type of that name already exists and is not ProcessFlow's"
          + " class for it; rename %s or the existing type"),

  TASK_OUTSIDE_DAG(
      "TaskMethod",
      "@Task method %s() is in %s, which is not a @Dag class; annotate %s with @Dag or remove @Task"),
  DEPENDS_ON_WITHOUT_TASK(
      "TaskMethod",
      "@DependsOn on %s(), which is not a @Task method; add @Task or remove @DependsOn"),
  FROM_WITHOUT_TASK(
      "TaskMethod",
      "@From on parameter '%s' of %s(), which is not a @Task method; add @Task or remove @From"),
  TASK_PRIVATE(
      "TaskMethod",
      "task method %s() is private; make it package-private, protected or public so the generated"
          + " code can call it"),
  TASK_ABSTRACT(
      "TaskMethod",
      "task method %s() is abstract; a task needs a body the generated code can call"),
  TASK_GENERIC(
      "TaskMethod",
      "task method %s() declares type parameters %s; task methods cannot be generic: use concrete types"),
  TASK_THROWS_THROWABLE(
      "TaskMethod",
      "task method %s() throws %s; a task may throw only exceptions (subtypes of java.lang.Exception)"
          + " or unchecked errors"),
  MARKER_WITHOUT_TASK(
      "TaskMethod", "@%s on %s(), which is not a @Task method; add @Task or remove @%s"),
  BRANCH_AND_SHORT_CIRCUIT(
      "TaskKind",
      "task method %s() is both @Branch and @ShortCircuit; a task is one or the other, remove one"),
  BRANCH_RETURN_TYPE(
      "Branch",
      "@Branch method %s() returns %s; a branch task returns the id of the downstream task to follow"
          + " as String, the ids as a Collection<String> (such as List<String>), or a CompletionStage"
          + " of either"),
  SHORT_CIRCUIT_RETURN_TYPE(
      "ShortCircuit",
      "@ShortCircuit method %s() returns %s; a short-circuit task returns its condition (a value,"
          + " or a CompletionStage of one, such as boolean or List<String>), and a false one (false,"
          + " null, 0, an empty string, collection, map or array, as Python sees it) skips every"
          + " task downstream"),
  DURATION_MALFORMED("Duration", "%s = \"%s\" of %s is not a duration; use %s"),
  DURATION_ZERO(
      "Duration",
      "%s = \"%s\" of %s is zero; give a positive duration, or leave %s out to inherit it"),
  RETRIES_NEGATIVE(
      "Retries",
      "retries = %d of %s is negative; set 0 or more, or leave retries out to inherit it"),
  PARAM_NAME_INVALID("Param", "param name '%s' of @Dag %s is invalid: %s; rename the param"),
  PARAM_DUPLICATE(
      "Param",
      "param '%s' is declared more than once on @Dag %s; param names are unique, remove one"),
  /**
   * A typed param's default, enums or bounds do not fit; the text comes from {@code ParamRules}.
   */
  PARAM_DECLARATION("Param", "%s"),
  PARAMETER_KIND(
      "TaskMethod",
      "parameter '%s' of task method %s() has type %s; a task method's parameters may only be"
          + " TaskContext, Store<RunState> (the run's store) or an upstream task's output annotated"
          + " @From(\"task_id\")"),
  FROM_PRIVATE_TYPE(
      "TaskMethod",
      "parameter '%s' of task method %s() has type %s, which mentions the private type %s; the"
          + " generated code casts the upstream output to it and cannot see it, so make %s at least"
          + " package-private"),
  TASK_ID_BLANK(GraphMessage.TASK_ID_BLANK),
  TASK_ID_INVALID(GraphMessage.TASK_ID_INVALID),

  DUPLICATE_TASK_ID(GraphMessage.DUPLICATE_ID),
  UNKNOWN_TASK(GraphMessage.UNKNOWN_TASK),
  SELF_DEPENDENCY(GraphMessage.SELF_DEPENDENCY),
  CYCLE(GraphMessage.CYCLE),
  FROM_NO_OUTPUT(
      "FromType",
      "@From(\"%s\") on parameter '%s' of %s(): task '%s' %s, so it has no output; return a value"
          + " from '%s' or remove the parameter"),
  FROM_TYPE_MISMATCH(
      "FromType",
      "@From(\"%s\") on parameter '%s' of %s(): task '%s' outputs %s, which is not assignable to the"
          + " parameter's type %s; declare the parameter as %s (or a supertype of it)"),
  FROM_PRIMITIVE_MAY_BE_MISSING(
      "PrimitiveFrom",
      "@From(\"%s\") on parameter '%s' of %s(): the parameter is a primitive %s, but task '%s' can run"
          + " while task '%s' has no output: %s. Declare the parameter as %s and handle null%s"),
  OUTPUT_NOT_JOURNALED(
      "JournalOutput",
      "task '%s' outputs %s, which the run journal cannot store and read back as JSON: %s. A run with"
          + " a journal (the launcher's, and every CLI run) then fails this task; return a type Jackson"
          + " can write and read back (a record, a String, a number, a collection or map of those), or"
          + " set @Task(resumable = false) to keep its output in memory only (a resume runs it again)"),

  FAIL_FAST_TRIGGER_RULE(GraphMessage.FAIL_FAST_TRIGGER_RULE),
  /** queue, {@code task 'id'} or {@code DAG 'id'}, the rule. */
  QUEUE_INVALID(GraphMessage.QUEUE_INVALID),

  SCHEDULE_INVALID("Schedule", "%s (DAG '%s')"),

  MAX_ACTIVE_TASKS_NEGATIVE(
      "MaxActiveTasks",
      "maxActiveTasks must be positive, or 0 for the runner's default; was %d (DAG '%s')"),

  INTERNAL_ERROR(
      "Internal",
      "the ProcessFlow processor failed on %s; please report this with the stack trace: %s");

  private final String ruleId;
  private final String template;

  Message(String rule, String template) {
    this.ruleId = "ProcessFlow/" + rule;
    this.template = template;
  }

  /** A problem the DSL reports too: its rule id and words are the shared ones. */
  Message(GraphMessage shared) {
    this.ruleId = shared.ruleId();
    this.template = shared.template();
  }

  /** The stable id of the rule that reports this message, such as {@code ProcessFlow/Cycle}. */
  public String ruleId() {
    return ruleId;
  }

  /** The full message text: {@code [ruleId] } then the template filled with {@code args}. */
  public String format(Object... args) {
    return GraphMessage.text(ruleId, template, args);
  }
}

package io.processflow.api.internal.graph;

import java.util.Locale;

/**
 * The words of every graph and id problem, the same for a DAG built with the runtime's DSL and one
 * compiled by the annotation processor: each front-end fills in how it names a task, a dependency
 * and the fix in its own terms ({@code loadOne()} and {@code @DependsOn}, or {@code task #1} and
 * {@code edge a >> b}). Each message starts with its rule's stable id, such as {@code
 * [ProcessFlow/Cycle]}, so a problem reads and greps the same wherever it was found.
 */
public enum GraphMessage {
  /** id, how the first task is named, how the second is, the fix. */
  DUPLICATE_ID(
      "DuplicateId",
      "duplicate task id '%s': declared by %s and by %s; task ids must be unique within a DAG, %s"),
  /** where the dependency is written, the unknown id, a hint ({@link TaskGraph#hint}). */
  UNKNOWN_TASK("UnknownTask", "%s names unknown task '%s'; %s"),
  /** id, where the dependency is written, the fix. */
  SELF_DEPENDENCY("SelfDependency", "task '%s' depends on itself through %s; %s"),
  /** the path {@code a -> b -> a}, what the dependencies are called. */
  CYCLE("Cycle", "Found a dependency cycle: %s; remove one of these %s"),
  /** task id, its trigger rule's name, DAG id. */
  FAIL_FAST_TRIGGER_RULE(
      "FailFast",
      "task '%s' has triggerRule = %s, but DAG '%s' is failFast, which allows only ALL_SUCCESS"
          + " (Airflow 3's fail_fast); remove the triggerRule or failFast"),
  /** how the task is named, the fix. */
  TASK_ID_BLANK("InvalidId", "task id of %s is blank; %s"),
  /** id, how the task is named, {@link TaskIds#RULE}, the fix. */
  TASK_ID_INVALID("InvalidId", "task id '%s' of %s is invalid: %s; %s"),
  /** id, where it is declared (empty or {@code " of <class>"}), {@link TaskIds#RULE}. */
  DAG_ID_INVALID("InvalidId", "DAG id '%s'%s is invalid: %s"),
  /** queue, how its task (or the DAG's defaults) is named, {@link TaskQueues#RULE}. */
  QUEUE_INVALID(
      "InvalidQueue",
      "queue '%s' of %s is invalid: %s; name the queue a worker serves (worker --queue NAME), or"
          + " leave it out for the default queue");

  private final String ruleId;
  private final String template;

  GraphMessage(String rule, String template) {
    this.ruleId = "ProcessFlow/" + rule;
    this.template = template;
  }

  /** The stable id of the rule, such as {@code ProcessFlow/Cycle}. */
  public String ruleId() {
    return ruleId;
  }

  /** The template without the rule id, for a catalogue that adds the prefix itself. */
  public String template() {
    return template;
  }

  /** {@code [ruleId] } then the template filled with {@code args}. */
  public String format(Object... args) {
    return text(ruleId, template, args);
  }

  /** How every ProcessFlow problem reads: {@code [ruleId] } then {@code template} filled in. */
  public static String text(String ruleId, String template, Object... args) {
    return "[" + ruleId + "] " + String.format(Locale.ROOT, template, args);
  }
}

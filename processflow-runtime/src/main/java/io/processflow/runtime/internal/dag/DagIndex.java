package io.processflow.runtime.internal.dag;

import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagDefinition;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link DagDefinition} by task index, as the engine walks it: task {@code i} is the {@code i}-th
 * of {@link DagDefinition#tasks()}, and its edges and trigger rule are read from flat arrays
 * without copying. Not exported: users read a DAG by task id ({@link DagDefinition#upstreamIds},
 * {@link DagDefinition#downstreamIds}, {@link DagDefinition#task}); the indexes are the engine's to
 * change.
 *
 * <p>{@link #of} reaches the index each definition builds with itself, through the one accessor
 * {@code DagDefinition} grants when its class is initialized.
 */
public abstract class DagIndex {
  /*
   * Written once, by DagDefinition's class initializer. Not volatile: whoever holds a definition
   * has seen its class initialized, and class initialization happens before any use of the class
   * (JLS 12.4.2), so every caller of of() sees the write without a barrier on the hot path.
   */
  private static Function<DagDefinition, DagIndex> access;

  /** For {@code DagDefinition} only: how {@link #of} reaches a definition's index. */
  public static void grant(Function<DagDefinition, DagIndex> accessor) {
    if (access != null) {
      throw new IllegalStateException("DagIndex access is already granted");
    }
    access = Objects.requireNonNull(accessor, "accessor");
  }

  /** The index of {@code dag}. */
  public static DagIndex of(DagDefinition dag) {
    // An instance exists, so its class, whose initializer grants the access, is initialized.
    return access.apply(Objects.requireNonNull(dag, "dag"));
  }

  protected DagIndex() {}

  /** The index of {@code taskId}. @throws IllegalArgumentException when there is no such task */
  public abstract int indexOf(String taskId);

  /**
   * Where {@code taskId} is among the tasks directly upstream of task {@code reader}, which is
   * where an id passed to {@code xcomPull} nearly always comes from; -1 when this quick look does
   * not find it, and the caller asks {@link #indexOf(String)}. It compares the id first (equal or
   * identical) with the upstream task at position {@code from} (the position after the last one
   * found: a join reading its parents in order finds each at once, in sequence), then, when the
   * reader has only a few upstream tasks, by identity with all of them. At 100,000 tasks a probe of
   * the index is two dependent cache misses; these comparisons read the upstream lists in order.
   */
  public abstract int upstreamPosition(int reader, String taskId, int from);

  /** Every task's index by id, in declaration order (unmodifiable, shared by every run). */
  public abstract Map<String, Integer> taskIndex();

  /** The indexes of the tasks directly upstream of task {@code i} (a copy). */
  public abstract int[] upstreamOf(int i);

  /** The indexes of the tasks directly downstream of task {@code i} (a copy). */
  public abstract int[] downstreamOf(int i);

  /** How many tasks are directly upstream of task {@code i}. */
  public abstract int upstreamCount(int i);

  /** How many tasks are directly downstream of task {@code i}. */
  public abstract int downstreamCount(int i);

  /** The index of the {@code k}-th task directly upstream of task {@code i}. */
  public abstract int upstream(int i, int k);

  /** The index of the {@code k}-th task directly downstream of task {@code i}. */
  public abstract int downstream(int i, int k);

  /** Task {@code i}'s trigger rule. */
  public abstract TriggerRule triggerRule(int i);
}

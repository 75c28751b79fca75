package io.processflow.runtime.dsl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** Several tasks wired together: the Java form of Airflow's {@code [b, c]}. */
public final class TaskList implements Iterable<TaskHandle> {
  private final List<TaskHandle> tasks;

  private TaskList(List<TaskHandle> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  public static TaskList of(TaskHandle first, TaskHandle... more) {
    List<TaskHandle> tasks = new ArrayList<>(more.length + 1);
    tasks.add(Objects.requireNonNull(first, "task"));
    for (TaskHandle task : more) {
      tasks.add(Objects.requireNonNull(task, "task"));
    }
    return new TaskList(tasks);
  }

  public static TaskList of(List<TaskHandle> tasks) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("A task list needs at least one task");
    }
    return new TaskList(tasks);
  }

  /** {@code [this...] >> next}: fan-in; returns {@code next}. */
  public TaskHandle then(TaskHandle next) {
    for (TaskHandle task : tasks) {
      task.then(next);
    }
    return next;
  }

  /**
   * Every task of this list upstream of every task of {@code next} (Airflow's cross_downstream).
   */
  public TaskList then(TaskList next) {
    for (TaskHandle task : tasks) {
      task.then(next);
    }
    return next;
  }

  public List<TaskHandle> tasks() {
    return tasks;
  }

  @Override
  public Iterator<TaskHandle> iterator() {
    return tasks.iterator();
  }
}

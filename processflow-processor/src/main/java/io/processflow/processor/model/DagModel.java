package io.processflow.processor.model;

import com.palantir.javapoet.ClassName;
import io.processflow.processor.diagnostics.Location;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Dag} class with its params, its default task options and its tasks in declaration
 * order, ready for the graph rules and writing.
 */
public record DagModel(
    TypeElement element,
    ClassName dagClass,
    String dagId,
    Location idLocation,
    String description,
    int maxActiveTasks,
    boolean stateful,
    List<ParamModel> params,
    OptionsModel defaults,
    boolean failFast,
    List<TaskModel> tasks,
    ScheduleModel schedule) {

  public DagModel {
    params = List.copyOf(params);
    tasks = List.copyOf(tasks);
  }
}

package io.processflow.processor.writing;

import com.palantir.javapoet.MethodSpec;
import io.processflow.api.internal.schedule.ScheduleSpec;
import io.processflow.processor.model.ScheduleModel;
import io.processflow.processor.model.Setting;
import javax.lang.model.element.Modifier;

/**
 * The DSL calls that declare a DAG's schedule ({@code builder.schedule("@daily")}, ...), only for
 * the attributes the {@code @Dag} sets, and the provider's {@code schedule()}, which {@code list}
 * shows without building the DAG.
 */
final class ScheduleCalls {
  private ScheduleCalls() {}

  static void add(MethodSpec.Builder dag, ScheduleModel schedule) {
    string(dag, "schedule", schedule.schedule());
    string(dag, "startDate", schedule.startDate());
    string(dag, "endDate", schedule.endDate());
    if (schedule.catchup()) {
      dag.addStatement("$N.catchup(true)", TaskStatements.BUILDER);
    }
    if (schedule.maxActiveRuns() != null) {
      dag.addStatement(
          "$N.maxActiveRuns($L)", TaskStatements.BUILDER, schedule.maxActiveRuns().value());
    }
    string(dag, "timezone", schedule.timezone());
  }

  private static void string(MethodSpec.Builder dag, String method, Setting<String> setting) {
    if (setting != null) {
      dag.addStatement("$N.$N($S)", TaskStatements.BUILDER, method, setting.value());
    }
  }

  /** {@code schedule()}: what {@code list} shows; only for a schedule validation accepted. */
  static MethodSpec summary(ScheduleModel schedule) {
    String summary =
        ScheduleSpec.of(
                schedule.scheduleValue(),
                schedule.startDateValue(),
                schedule.endDateValue(),
                schedule.timezoneValue(),
                schedule.catchup(),
                schedule.maxActiveRunsValue())
            .summary();
    return MethodSpec.methodBuilder("schedule")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S", summary)
        .build();
  }
}

package io.processflow.processor.validation;

import io.processflow.api.internal.schedule.ScheduleSpec;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.DagModel;
import io.processflow.processor.model.ScheduleModel;

/**
 * Checks a {@code @Dag}'s schedule attributes with the same code and words as the runtime's DSL
 * ({@link ScheduleSpec#check}): a malformed cron with the parser's reason, an unknown preset or
 * time zone, a bad date, an end before the start, {@code maxActiveRuns} below 1. Each error lands
 * on the attribute's value.
 */
public final class ScheduleValidator {
  private final Reporter reporter;

  public ScheduleValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  public void validate(DagModel model) {
    ScheduleModel schedule = model.schedule();
    if (schedule.isEmpty()) {
      return;
    }
    for (ScheduleSpec.Problem problem :
        ScheduleSpec.check(
            schedule.scheduleValue(),
            schedule.startDateValue(),
            schedule.endDateValue(),
            schedule.timezoneValue(),
            schedule.maxActiveRunsValue())) {
      reporter.error(
          schedule.location(problem.attribute()),
          Message.SCHEDULE_INVALID,
          problem.message(),
          model.dagId());
    }
  }
}

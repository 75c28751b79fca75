package io.processflow.processor.model;

import io.processflow.api.internal.schedule.ScheduleSpec;
import io.processflow.processor.diagnostics.Location;

/**
 * The schedule attributes a {@code @Dag} sets explicitly (a null setting is left at its default),
 * kept as written until validation has checked them; {@code dag} is where to report a problem of an
 * attribute left out.
 */
public record ScheduleModel(
    Setting<String> schedule,
    Setting<String> startDate,
    Setting<String> endDate,
    boolean catchup,
    Setting<Integer> maxActiveRuns,
    Setting<String> timezone,
    Location dag) {

  public String scheduleValue() {
    return schedule == null ? "" : schedule.value();
  }

  public String startDateValue() {
    return startDate == null ? "" : startDate.value();
  }

  public String endDateValue() {
    return endDate == null ? "" : endDate.value();
  }

  public int maxActiveRunsValue() {
    return maxActiveRuns == null ? ScheduleSpec.DEFAULT_MAX_ACTIVE_RUNS : maxActiveRuns.value();
  }

  public String timezoneValue() {
    return timezone == null ? ScheduleSpec.DEFAULT_TIMEZONE : timezone.value();
  }

  /**
   * Where {@code attribute}'s value is written, or the {@code @Dag} annotation when it is left out.
   */
  public Location location(String attribute) {
    Setting<?> setting =
        switch (attribute) {
          case "schedule" -> schedule;
          case "startDate" -> startDate;
          case "endDate" -> endDate;
          case "maxActiveRuns" -> maxActiveRuns;
          case "timezone" -> timezone;
          default -> null;
        };
    return setting == null ? dag : setting.location();
  }

  /** True when the DAG declares nothing about its schedule. */
  public boolean isEmpty() {
    return schedule == null
        && startDate == null
        && endDate == null
        && !catchup
        && maxActiveRuns == null
        && timezone == null;
  }
}

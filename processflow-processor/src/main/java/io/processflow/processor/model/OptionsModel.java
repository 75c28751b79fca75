package io.processflow.processor.model;

import io.processflow.api.TriggerRule;
import io.processflow.api.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The failure and queue options a {@code @Task} sets, or the defaults a {@code @Dag} sets for its
 * tasks. A null setting is unset (the task inherits it); durations keep the text as written until
 * validation has checked it.
 */
public record OptionsModel(
    Setting<Integer> retries,
    Setting<String> retryDelay,
    boolean retryExponentialBackoff,
    Setting<String> maxRetryDelay,
    Setting<String> executionTimeout,
    Setting<TriggerRule> triggerRule,
    Setting<String> queue) {

  /** The duration settings that are set, in attribute order. */
  public List<Setting<String>> durations() {
    List<Setting<String>> durations = new ArrayList<>(3);
    addIfSet(durations, retryDelay);
    addIfSet(durations, maxRetryDelay);
    addIfSet(durations, executionTimeout);
    return durations;
  }

  private static void addIfSet(List<Setting<String>> settings, Setting<String> setting) {
    if (setting != null) {
      settings.add(setting);
    }
  }

  /** The duration {@code setting} denotes; only for a setting validation accepted. */
  public static Duration duration(Setting<String> setting) {
    return Durations.parse(setting.attribute(), setting.value());
  }

  /** True when nothing is set. */
  public boolean isEmpty() {
    return retries == null
        && retryDelay == null
        && !retryExponentialBackoff
        && maxRetryDelay == null
        && executionTimeout == null
        && triggerRule == null
        && queue == null;
  }
}

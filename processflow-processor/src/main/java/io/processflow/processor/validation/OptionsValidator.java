package io.processflow.processor.validation;

import io.processflow.api.internal.Durations;
import io.processflow.api.internal.graph.TaskQueues;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.OptionsModel;
import io.processflow.processor.model.Setting;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks the failure options of a {@code @Task} or the defaults of a {@code @Dag}: durations javac
 * accepts as strings but the runtime could not parse, zero durations, negative retries, queue names
 * a worker could not be told ({@link TaskQueues}, the DSL's rule). Each error lands on the
 * attribute's value.
 */
public final class OptionsValidator {
  private final Reporter reporter;

  public OptionsValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Checks {@code options}; {@code owner} names where they are set, such as {@code task 'load'}.
   */
  public void validate(OptionsModel options, String owner) {
    Setting<Integer> retries = options.retries();
    if (retries != null && retries.value() < 0) {
      reporter.error(retries.location(), Message.RETRIES_NEGATIVE, retries.value(), owner);
    }
    Setting<String> queue = options.queue();
    if (queue != null && !TaskQueues.isValid(queue.value())) {
      reporter.error(
          queue.location(),
          Message.QUEUE_INVALID,
          TaskQueues.shown(queue.value()),
          owner,
          TaskQueues.RULE);
    }
    for (Setting<String> duration : options.durations()) {
      Optional<Duration> parsed = Durations.tryParse(duration.value());
      if (parsed.isEmpty()) {
        reporter.error(
            duration.location(),
            Message.DURATION_MALFORMED,
            duration.attribute(),
            duration.value(),
            owner,
            Durations.FORMATS);
      } else if (parsed.get().isZero()) {
        reporter.error(
            duration.location(),
            Message.DURATION_ZERO,
            duration.attribute(),
            duration.value(),
            owner,
            duration.attribute());
      }
    }
  }
}

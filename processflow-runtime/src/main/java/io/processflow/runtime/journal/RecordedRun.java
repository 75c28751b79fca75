package io.processflow.runtime.journal;

import io.processflow.api.store.Action;
import java.nio.file.Path;
import java.util.List;

/**
 * What a journal holds: one header per segment (the run, then each resume) and every action in
 * order, headers left out.
 *
 * @param file the journal
 * @param headers the segments' headers, first the run's own
 * @param actions every recorded action, in order
 * @param warnings what was ignored while reading (a torn last line)
 * @param outputTypeChanges task outputs journaled as another type than the one their task declares
 *     now: read as JSON's own values, and an error when the resume keeps them
 */
public record RecordedRun(
    Path file,
    List<JournalHeader> headers,
    List<Action> actions,
    List<String> warnings,
    List<OutputTypeChange> outputTypeChanges) {
  public RecordedRun {
    headers = List.copyOf(headers);
    actions = List.copyOf(actions);
    warnings = List.copyOf(warnings);
    outputTypeChanges = List.copyOf(outputTypeChanges);
  }

  /**
   * A task output journaled as {@code journaled}, a type its task no longer declares.
   *
   * @param taskId the task
   * @param line the journal line, from 1
   * @param journaled the type the output was written as
   * @param declared the type the task declares now
   */
  public record OutputTypeChange(String taskId, int line, String journaled, String declared) {}

  /** The header of the run's first segment: its DAG, run id, logical date and params. */
  public JournalHeader first() {
    return headers.get(0);
  }

  /** The header of the last segment: the DAG's task ids when the run was last started. */
  public JournalHeader last() {
    return headers.get(headers.size() - 1);
  }
}

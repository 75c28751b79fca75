package io.processflow.processor.validation;

import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.TaskModel;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * {@code [ProcessFlow/JournalOutput]}, a warning: a resumable task whose output type the run
 * journal cannot store (see {@link JournalableTypes}). Such a task passes in a test without a
 * journal and fails in the CLI, which journals; {@code @Task(resumable = false)} keeps its output
 * in memory only.
 */
public final class JournalOutputValidator {
  private final Reporter reporter;
  private final JournalableTypes journalable;

  public JournalOutputValidator(Reporter reporter, Elements elements, Types types) {
    this.reporter = reporter;
    this.journalable = new JournalableTypes(elements, types);
  }

  public void validate(TaskModel task) {
    if (!task.resumable() || task.output() == null) {
      return;
    }
    String why = journalable.whyNot(task.output());
    if (why != null) {
      reporter.warning(
          task.idLocation(), Message.OUTPUT_NOT_JOURNALED, task.id(), task.output(), why);
    }
  }
}

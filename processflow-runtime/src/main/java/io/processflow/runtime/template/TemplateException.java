package io.processflow.runtime.template;

/**
 * A template could not be rendered: its name, the line (from 1; -1 when unknown), the name or
 * expression at fault when there is one, and what went wrong. Thrown inside a task, it fails only
 * that task, with this message in the task's error.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String templateName;
  private final int line;
  private final String badName;

  TemplateException(
      String templateName, int line, String badName, String message, Throwable cause) {
    super(message, cause);
    this.templateName = templateName;
    this.line = line;
    this.badName = badName;
  }

  /** The template's name: a file path, or {@code <task id>.<field>} for a templated field. */
  public String templateName() {
    return templateName;
  }

  /** The line of the error, from 1, or -1 when Jinjava did not tell. */
  public int line() {
    return line;
  }

  /** The undefined name or the failing expression, or {@code null}. */
  public String badName() {
    return badName;
  }
}

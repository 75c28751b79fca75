package io.processflow.processor.diagnostics;

import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * Reports located errors and warnings to javac and counts them, so a DAG with any error is not
 * written.
 */
public final class Reporter {
  private final Messager messager;
  private int errorCount;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  public void error(Location at, Message message, Object... args) {
    errorCount++;
    messager.printMessage(
        Diagnostic.Kind.ERROR, message.format(args), at.element(), at.annotation(), at.value());
  }

  /** A warning: reported, but the DAG is still written. */
  public void warning(Location at, Message message, Object... args) {
    messager.printMessage(
        Diagnostic.Kind.WARNING, message.format(args), at.element(), at.annotation(), at.value());
  }

  /** Errors reported so far in this compilation; compare two readings to tell if a DAG had any. */
  public int errorCount() {
    return errorCount;
  }
}

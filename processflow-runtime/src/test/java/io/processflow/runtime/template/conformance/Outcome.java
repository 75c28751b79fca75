package io.processflow.runtime.template.conformance;

/** What rendering a template gave: its output, or a failure with its message. */
public record Outcome(boolean ok, String text) {
  static Outcome output(String output) {
    return new Outcome(true, output);
  }

  static Outcome failure(String message) {
    return new Outcome(false, message);
  }

  /** Equal outputs, or both failed (the messages may differ). */
  boolean agrees(Outcome other) {
    return ok == other.ok && (!ok || text.equals(other.text));
  }

  @Override
  public String toString() {
    return ok ? "output «" + text + "»" : "failure (" + text + ")";
  }
}

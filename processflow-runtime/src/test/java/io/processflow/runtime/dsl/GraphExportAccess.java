package io.processflow.runtime.dsl;

/** GraphExport's escaping, for tests in other packages. */
public final class GraphExportAccess {
  private GraphExportAccess() {}

  public static String dotId(String text) {
    return GraphExport.dotId(text);
  }

  public static String mermaidText(String text) {
    return GraphExport.mermaidText(text);
  }
}

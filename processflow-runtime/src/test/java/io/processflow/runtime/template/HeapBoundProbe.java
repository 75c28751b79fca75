package io.processflow.runtime.template;

import java.util.Map;

/**
 * Renders each template given as an argument under whatever heap its JVM has and prints one line
 * per template: {@code FAILED <message>}, {@code RENDERED <length>}, or {@code OOM}. Run by {@link
 * RenderLimitsTest} in a JVM with a small {@code -Xmx}.
 */
public final class HeapBoundProbe {
  private HeapBoundProbe() {}

  public static void main(String[] templates) {
    TemplateEngine engine = TemplateEngine.builder().build();
    for (String template : templates) {
      String line;
      try {
        line = "RENDERED " + engine.render("probe", template, Map.of()).length();
      } catch (TemplateException e) {
        line = "FAILED " + e.getMessage().replace('\n', ' ');
      } catch (OutOfMemoryError e) {
        line = "OOM";
      }
      System.out.println(line);
    }
  }
}

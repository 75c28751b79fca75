package io.processflow.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The frame of every page: the head, the header with its breadcrumbs, then the caller's content. A
 * served page links the UI's stylesheet and script; a report inlines the stylesheet and has no
 * script.
 */
final class Page {
  static final String CSS = resource("ui.css");
  static final String JS = resource("ui.js");

  private final StringBuilder out = new StringBuilder(4096);

  private Page() {}

  /**
   * Starts a page titled {@code title}; {@code bodyAttributes} (already escaped) go on the body,
   * {@code crumbs} are pairs of escaped-on-output label and path ({@code null} path for the last).
   */
  static Page start(String title, boolean selfContained, String bodyAttributes, String... crumbs) {
    Page page = new Page();
    StringBuilder out = page.out;
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    if (selfContained) {
      // Nothing outside this file may load, and no script may run.
      out.append(
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
              + " style-src 'unsafe-inline'; img-src data:\">");
    }
    out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.append("<title>").append(Html.text(title)).append(" - ProcessFlow</title>");
    if (selfContained) {
      out.append("<style>").append(CSS).append("</style>");
    } else {
      out.append("<link rel=\"stylesheet\" href=\"/static/ui.css\">");
    }
    out.append("</head><body")
        .append(bodyAttributes == null ? "" : " " + bodyAttributes)
        .append(">");
    out.append("<header>");
    if (selfContained) {
      out.append("<a>ProcessFlow report</a>");
    } else {
      out.append("<a href=\"/\">ProcessFlow</a>");
    }
    for (int i = 0; i + 1 < crumbs.length; i += 2) {
      out.append("<span class=\"crumb\">");
      if (crumbs[i + 1] != null && !selfContained) {
        out.append("<a href=\"")
            .append(Html.text(crumbs[i + 1]))
            .append("\">")
            .append(Html.text(crumbs[i]))
            .append("</a>");
      } else {
        out.append(Html.text(crumbs[i]));
      }
      out.append("</span>");
    }
    out.append("</header><main>");
    return page;
  }

  /** Appends markup that the caller built and escaped. */
  Page raw(String html) {
    out.append(html);
    return this;
  }

  StringBuilder builder() {
    return out;
  }

  /** Ends the page; a served page gets the UI's script. */
  String end(boolean selfContained) {
    out.append("</main>");
    if (!selfContained) {
      out.append("<script src=\"/static/ui.js\"></script>");
    }
    return out.append("</body></html>\n").toString();
  }

  private static String resource(String name) {
    try (InputStream in = Page.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " of processflow-ui");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

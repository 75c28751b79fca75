package io.processflow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunViews;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request that cannot be answered gets the error page (400 or 500), never a dropped connection.
 */
class UiErrorPageTest {
  @TempDir Path runsDir;

  /** A store whose runs list one run that cannot be read. */
  private RunStore broken() {
    Journals journals = Journals.in(runsDir);
    RunViews views =
        (RunViews)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RunViews.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "dagIds" -> List.of("d");
                      case "version" -> "1";
                      case "documents" ->
                          throw new IllegalStateException("the run <b>cannot</b> be read");
                      default -> method.invoke(journals.views(), args);
                    });
    return (RunStore)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {RunStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("views")) {
                return views;
              }
              try {
                return method.invoke(journals, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aRunThatCannotBeReadIsA500WithItsReasonEscaped() throws Exception {
    try (UiServer ui = UiServer.start("127.0.0.1", 0, broken(), List.of())) {
      HttpResponse<String> page = Http.get("http://127.0.0.1:" + ui.port() + "/dags/d/runs/r1");
      assertThat(page.statusCode()).isEqualTo(500);
      assertThat(page.body()).contains("the run &lt;b&gt;cannot&lt;/b&gt; be read");
    }
  }

  @Test
  void aFormTooLargeIsA400() throws Exception {
    try (UiServer ui = UiServer.start("127.0.0.1", 0, broken(), List.of())) {
      HttpResponse<String> page =
          Http.post(
              "http://127.0.0.1:" + ui.port() + "/dags/d/trigger",
              java.util.Map.of("run_id", "x".repeat(70_000)));
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("the form is larger than 65536 bytes");
    }
  }
}

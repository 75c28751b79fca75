package io.processflow.ui;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.journal.Journals;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * How the pages of a 10,000-task run scale: the server's time per page (the first read of the
 * journal, then served from the cache while the journal has not changed) and Chromium's time to
 * load and lay out each page. Prints the figures; asserts nothing (see the README's "Web UI").
 *
 * <pre>
 * mvn -B -ntp -q -pl processflow-ui -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp processflow-ui/target/test-classes:processflow-ui/target/classes:$(cat processflow-ui/target/cp.txt) \
 *     io.processflow.ui.UiScaleBench [tasks]
 * </pre>
 */
public final class UiScaleBench {
  private UiScaleBench() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path runsDir = Files.createTempDirectory("processflow-ui-bench");
    DagDefinition dag = layered(tasks, 100, new Random(42));
    long t0 = System.nanoTime();
    try (DagRunner runner = DagRunner.create()) {
      runner.run(
          dag,
          RunConfig.builder().runId("big").recorder(Journals.in(runsDir).recorder(false)).build());
    }
    Path journal = Journals.in(runsDir).file(dag.dagId(), "big");
    System.out.printf(
        "%,d-task layered run: %.1f s, journal %,d bytes%n",
        tasks, (System.nanoTime() - t0) / 1e9, Files.size(journal));
    Path report = runsDir.resolve("report.html");
    try (UiServer ui =
        UiServer.start("127.0.0.1", 0, runsDir, List.of(UiDags.provider(() -> dag)))) {
      String base = "http://localhost:" + ui.port();
      Map<String, String> pages = new java.util.LinkedHashMap<>();
      pages.put("run", "/dags/layered/runs/big");
      pages.put("run (live part)", "/dags/layered/runs/big/live?v=0");
      pages.put("dag (grid)", "/dags/layered");
      pages.put("home", "/");
      pages.put("log", "/dags/layered/runs/big/tasks/t5000/tries/1/log");
      System.out.println("server: ms per page (first request, then median [min-max] of 10), size");
      for (Map.Entry<String, String> page : pages.entrySet()) {
        long first = System.nanoTime();
        HttpResponse<String> response = Http.get(base + page.getValue());
        double firstMs = (System.nanoTime() - first) / 1e6;
        double[] ms = new double[10];
        for (int i = 0; i < ms.length; i++) {
          long s = System.nanoTime();
          Http.get(base + page.getValue());
          ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
            "  %-16s %7.1f, then %6.1f [%.1f-%.1f] ms  %,10d bytes  (status %d)%n",
            page.getKey(),
            firstMs,
            ms[ms.length / 2],
            ms[0],
            ms[ms.length - 1],
            response.body().getBytes().length,
            response.statusCode());
      }
      double[] reread = new double[5];
      for (int i = 0; i < reread.length; i++) {
        // a journal that changed is read again, as while a run is followed live
        Files.setLastModifiedTime(
            journal,
            java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + i * 1000L));
        long s = System.nanoTime();
        Http.get(base + pages.get("run (live part)"));
        reread[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(reread);
      System.out.printf(
          "  %-16s %7.1f [%.1f-%.1f] ms (journal changed: read again, median of 5)%n",
          "run (live part)", reread[2], reread[0], reread[4]);
      long r = System.nanoTime();
      HtmlRunReport.write(Journals.in(runsDir), dag.dagId(), "big", dag, report);
      System.out.printf(
          "  %-16s %7.1f ms  %,10d bytes%n",
          "report (written)", (System.nanoTime() - r) / 1e6, Files.size(report));
      if (!Browser.installed()) {
        System.out.println("chromium is not installed: no browser figures");
        return;
      }
      ChromeDriver driver = Browser.start();
      try {
        System.out.println(
            "chromium: ms from navigation to load event, then to the first frame after it (median of 3)");
        List<String> urls =
            new ArrayList<>(
                List.of(
                    base + pages.get("run"),
                    base + pages.get("dag (grid)"),
                    report.toUri().toString()));
        for (String url : urls) {
          double[] load = new double[3];
          double[] frame = new double[3];
          for (int i = 0; i < 3; i++) {
            driver.get("about:blank");
            long s = System.nanoTime();
            driver.get(url);
            driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });");
            frame[i] = (System.nanoTime() - s) / 1e6;
            load[i] =
                ((Number)
                        driver.executeScript(
                            "var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;"))
                    .doubleValue();
          }
          Arrays.sort(load);
          Arrays.sort(frame);
          System.out.printf(
              "  %-60s load %7.0f ms, painted %7.0f ms%n",
              url.startsWith("file:") ? "report.html (file)" : url.substring(base.length()),
              load[1],
              frame[1]);
        }
        Browser.screenshot(driver, "bench-report-" + tasks);
      } finally {
        driver.quit();
      }
    }
  }

  /**
   * {@code n} tasks in layers of {@code width}, each with 1 to 3 upstream tasks in the layer
   * before.
   */
  static DagDefinition layered(int n, int width, Random random) {
    DagBuilder dag = DagBuilder.dag("layered");
    TaskHandle[] handles = new TaskHandle[n];
    for (int i = 0; i < n; i++) {
      handles[i] = dag.task("t" + i, context -> null);
      int layerStart = i / width * width;
      if (layerStart > 0) {
        int ups = 1 + random.nextInt(3);
        for (int k = 0; k < ups; k++) {
          handles[i].after(handles[layerStart - width + random.nextInt(width)]);
        }
      }
    }
    return dag.build();
  }
}

package io.processflow.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.logs.TaskLogFiles;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A running try's log page follows the log as it grows, and stops once the try has ended: over HTTP
 * (the live part answers 204 while nothing changed) and in a real browser (the page shows new lines
 * without reloading).
 */
class LiveLogTest {
  @TempDir Path runsDir;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private CompletableFuture<RunResult> run;
  private UiServer ui;
  private String logPath;
  private Path logFile;

  @BeforeEach
  void startARunWhoseTaskWaits() throws Exception {
    DagBuilder dag = DagBuilder.dag("tail");
    dag.task(
            "work",
            context -> {
              started.countDown();
              return release.await(60, TimeUnit.SECONDS) ? "done" : "timed out";
            })
        .then(dag.task("after", context -> 1));
    run = CompletableFuture.supplyAsync(() -> UiDags.run(dag.build(), runsDir, "t1"));
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    // The run writes the try's own lines to this file too; the test's lines join them.
    logFile = TaskLogFiles.file(runsDir, "tail", "t1", "work", 1);
    Files.createDirectories(logFile.getParent());
    append("line one\n");
    ui = UiServer.start("127.0.0.1", 0, runsDir, UiDags.providers());
    logPath = "http://localhost:" + ui.port() + "/dags/tail/runs/t1/tasks/work/tries/1/log";
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    run.get(30, TimeUnit.SECONDS);
    ui.close();
  }

  private void append(String text) throws Exception {
    Files.writeString(
        logFile,
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Test
  void theLivePartAnswersOnlyWhenTheLogOrTheTryChanged() throws Exception {
    Document page = Jsoup.parse(Http.get(logPath).body());
    String live = page.body().attr("data-live");
    String version = page.body().attr("data-version");
    assertThat(live).isEqualTo("/dags/tail/runs/t1/tasks/work/tries/1/log/live");
    assertThat(page.select("#log").text()).contains("line one");
    assertThat(page.select("#log-title").attr("data-ended")).isEqualTo("false");
    String liveUrl = "http://localhost:" + ui.port() + live + "?v=";

    assertThat(Http.get(liveUrl + version).statusCode()).isEqualTo(204);
    append("line <two>\n");
    HttpResponse<String> grown = Http.get(liveUrl + version);
    assertThat(grown.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parseBodyFragment(grown.body()).select("#log").text())
        .contains("line one")
        .contains("line <two>");
    assertThat(grown.body()).contains("line &lt;two&gt;").doesNotContain("<two>");
    String next = grown.headers().firstValue("X-Version").orElseThrow();
    assertThat(Http.get(liveUrl + next).statusCode()).isEqualTo(204);

    release.countDown();
    assertThat(run.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    HttpResponse<String> ended = Http.get(liveUrl + next);
    assertThat(ended.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parseBodyFragment(ended.body()).select("#log-title").attr("data-ended"))
        .isEqualTo("true");
    // A page of an ended try does not poll.
    assertThat(Jsoup.parse(Http.get(logPath).body()).body().hasAttr("data-live")).isFalse();
    // The live part knows only the tries that exist, as the page does.
    assertThat(Http.get(logPath.replace("/tries/1/", "/tries/9/") + "/live").statusCode())
        .isEqualTo(404);
  }

  private static final String TITLE = "document.getElementById('log-title')";

  /** {@code expression}, read in one script: the live part may be redrawn between two calls. */
  private static String read(ChromeDriver driver, String expression) {
    return String.valueOf(driver.executeScript("return " + expression + ";"));
  }

  @Test
  void aBrowserShowsNewLinesWithoutReloadingUntilTheTryEnds() throws Exception {
    assumeTrue(
        Browser.installed(),
        "chromium and chromium-driver are not installed (.ci/run installs them)");
    ChromeDriver driver = Browser.start();
    try {
      driver.get(logPath);
      assertThat(driver.findElement(By.id("log")).getText()).contains("line one");
      driver.executeScript("window.followedLive = true;"); // lost if the page reloaded
      append("line two\n");
      WebDriverWait wait =
          new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
      wait.until(
          d -> read(driver, "document.getElementById('log').textContent").contains("line two"));
      release.countDown();
      wait.until(d -> "true".equals(read(driver, TITLE + ".getAttribute('data-ended')")));
      assertThat(read(driver, TITLE + ".getAttribute('data-state')")).isEqualTo("success");
      assertThat(driver.executeScript("return window.followedLive === true;")).isEqualTo(true);
      Browser.screenshot(driver, "log-followed-live");
    } finally {
      driver.quit();
    }
  }
}

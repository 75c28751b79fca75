package io.processflow.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI in a real browser (Debian's chromium, headless): every view shows every task with its
 * state, a click reaches a try's log, a triggered run is followed live to its end, a cleared task
 * runs again, and hostile text stays text. Screenshots of each view go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {
  Path runsDir;
  UiServer ui;
  ChromeDriver driver;
  String base;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(
        Browser.installed(),
        "chromium and chromium-driver are not installed (.ci/run installs them)");
    runsDir = Files.createTempDirectory("processflow-ui-browser");
    UiDags.run(UiDags.demo(), runsDir, "r1");
    UiDags.writeLog(
        runsDir, "demo", "r1", "transform_b", 1, "starting\n" + UiDags.HOSTILE + "\nfailed\n");
    ui = UiServer.start("127.0.0.1", 0, runsDir, UiDags.providers());
    base = "http://localhost:" + ui.port();
    driver = Browser.start();
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (ui != null) {
      ui.close();
    }
  }

  private void open(String path) {
    driver.get(base + path);
  }

  private String attr(String css, String name) {
    return driver.findElement(By.cssSelector(css)).getAttribute(name);
  }

  @Test
  void everyViewShowsEveryTaskWithItsState() throws Exception {
    open("/");
    assertThat(
            driver.findElements(By.cssSelector("tr.dag")).stream()
                .map(e -> e.getAttribute("data-dag-id")))
        .containsExactly("demo", "flaky", "slow");
    assertThat(attr("tr.dag[data-dag-id=demo] a.run", "data-state")).isEqualTo("success");
    Browser.screenshot(driver, "home");

    open("/dags/demo");
    Map<String, String> states =
        Map.of(
            "extract",
            "success",
            "transform_a",
            "success",
            "transform_b",
            "success",
            "load",
            "success",
            "publish",
            "failed");
    for (var task : states.entrySet()) {
      assertThat(attr("#grid a.cell[data-task-id=" + task.getKey() + "]", "data-state"))
          .isEqualTo(task.getValue());
    }
    Browser.screenshot(driver, "dag-grid");

    open("/dags/demo/runs/r1");
    List<WebElement> nodes = driver.findElements(By.cssSelector("svg g.node"));
    assertThat(nodes).hasSize(5);
    for (WebElement node : nodes) {
      assertThat(node.getAttribute("data-state"))
          .isEqualTo(states.get(node.getAttribute("data-task-id")));
      assertThat(node.isDisplayed()).isTrue();
    }
    assertThat(driver.findElements(By.cssSelector("#gantt a.bar"))).hasSize(6);
    // Airflow's colours: a failed task's node is drawn red
    assertThat(
            driver
                .findElement(By.cssSelector("svg g.node[data-task-id=publish] rect"))
                .getCssValue("stroke"))
        .isEqualTo("rgb(255, 0, 0)");
    Browser.screenshot(driver, "run");
  }

  @Test
  void aClickReachesATrysLogAndHostileTextStaysText() throws Exception {
    open("/dags/demo/runs/r1");
    driver.findElement(By.cssSelector("a.try[data-task-id=transform_b][data-try='1']")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().endsWith("/tries/1/log"));
    assertThat(attr("#log-title", "data-state")).isEqualTo("up_for_retry");
    assertThat(driver.findElement(By.id("log")).getText()).contains(UiDags.HOSTILE);
    assertNoInjection();
    Browser.screenshot(driver, "log");

    open("/dags/demo");
    assertThat(driver.findElement(By.name("param.name")).getAttribute("value"))
        .isEqualTo(UiDags.HOSTILE);
    assertNoInjection();
    open("/dags/demo/runs/r1");
    assertThat(
            driver
                .findElement(By.cssSelector("#tasks tr[data-task-id=publish] .error-summary"))
                .getText())
        .contains(UiDags.HOSTILE);
    assertNoInjection();
  }

  /** The run's state, read in one script: the live part may be redrawn between two driver calls. */
  private String runState() {
    return (String)
        driver.executeScript(
            "var e = document.getElementById('run-state'); return e && e.getAttribute('data-state');");
  }

  @SuppressWarnings("unchecked")
  private List<String> nodeStates() {
    return (List<String>)
        driver.executeScript(
            "return Array.from(document.querySelectorAll('svg g.node'))"
                + ".map(function (n) { return n.getAttribute('data-task-id') + '=' + n.getAttribute('data-state'); });");
  }

  private void assertNoInjection() {
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(driver.findElements(By.tagName("img"))).isEmpty();
    assertThat(driver.findElements(By.tagName("script"))).hasSize(1);
  }

  @Test
  void aTriggeredRunIsFollowedLiveToItsEnd() throws Exception {
    open("/dags/slow");
    driver.findElement(By.id("run_id")).sendKeys("live-1");
    driver.findElement(By.id("trigger-button")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().endsWith("/dags/slow/runs/live-1"));
    // a page that reloaded would lose this mark: the page follows the run without reloading
    driver.executeScript("window.followedLive = true;");
    Set<String> seen = new LinkedHashSet<>();
    new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100))
        .until(
            d -> {
              seen.addAll(nodeStates());
              return "success".equals(runState());
            });
    Browser.screenshot(driver, "run-followed-live");
    assertThat(driver.executeScript("return window.followedLive === true;")).isEqualTo(true);
    // the page showed the run while it ran (a task running, another not yet started), then its end
    assertThat(seen).anyMatch(s -> s.endsWith("=running")).anyMatch(s -> s.endsWith("=none"));
    for (String task : List.of("first", "second", "third")) {
      assertThat(attr("svg g.node[data-task-id=" + task + "]", "data-state")).isEqualTo("success");
    }
  }

  @Test
  void aClearedTaskRunsAgain() throws Exception {
    UiDags.CHECK_FAILS.set(true);
    UiDags.run(UiDags.flaky(), runsDir, "f1");
    open("/dags/flaky/runs/f1");
    assertThat(attr("svg g.node[data-task-id=check]", "data-state")).isEqualTo("failed");
    assertThat(attr("svg g.node[data-task-id=finish]", "data-state")).isEqualTo("upstream_failed");
    UiDags.CHECK_FAILS.set(false);
    driver.findElement(By.cssSelector("#tasks tr[data-task-id=check] button.clear")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100))
        .withMessage(
            () ->
                "the page at "
                    + driver.getCurrentUrl()
                    + " shows: "
                    + driver.findElement(By.tagName("main")).getText())
        .until(d -> "success".equals(runState()));
    assertThat(attr("svg g.node[data-task-id=check]", "data-state")).isEqualTo("success");
    assertThat(attr("svg g.node[data-task-id=finish]", "data-state")).isEqualTo("success");
    assertThat(attr("a.try[data-task-id=check][data-try='2']", "data-state")).isEqualTo("success");
    assertThat(attr("a.try[data-task-id=check][data-try='1']", "data-state")).isEqualTo("failed");
    // prepare had succeeded: kept, not run again
    assertThat(driver.findElements(By.cssSelector("a.try[data-task-id=prepare]"))).hasSize(1);
    Browser.screenshot(driver, "run-cleared");
  }
}

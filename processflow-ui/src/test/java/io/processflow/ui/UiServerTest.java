package io.processflow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI over HTTP: its pages, what they link to, and what it refuses. */
class UiServerTest {
  @TempDir Path runsDir;
  UiServer ui;
  String base;

  @BeforeEach
  void start() throws Exception {
    UiDags.run(UiDags.demo(), runsDir, "r1");
    UiDags.writeLog(runsDir, "demo", "r1", "transform_b", 1, "line one\n" + UiDags.HOSTILE + "\n");
    ui = UiServer.start("127.0.0.1", 0, runsDir, UiDags.providers());
    base = "http://127.0.0.1:" + ui.port();
  }

  @AfterEach
  void stop() {
    if (ui != null) {
      ui.close();
    }
  }

  private Document page(String path) throws Exception {
    HttpResponse<String> response = Http.get(base + path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Jsoup.parse(response.body(), base + path);
  }

  @Test
  void theRunPageShowsEveryTaskWithItsStateInTheGraphGanttAndTable() throws Exception {
    Document run = page("/dags/demo/runs/r1");
    Map<String, String> expected =
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
    for (var task : expected.entrySet()) {
      assertThat(run.select("svg g.node[data-task-id=" + task.getKey() + "]").attr("data-state"))
          .isEqualTo(task.getValue());
      assertThat(run.select("#tasks tr[data-task-id=" + task.getKey() + "]").attr("data-state"))
          .isEqualTo(task.getValue());
    }
    // publish is allowed to fail: the run succeeds
    assertThat(run.select("#run-state").attr("data-state")).isEqualTo("success");
    var bars = run.select("#gantt a.bar[data-task-id=transform_b]");
    assertThat(bars).hasSize(2);
    assertThat(bars.get(0).attr("data-try")).isEqualTo("1");
    assertThat(bars.get(0).attr("data-state")).isEqualTo("up_for_retry");
    assertThat(bars.get(1).attr("data-state")).isEqualTo("success");
    assertThat(run.select("a.try[data-task-id=transform_b][data-try=1]").attr("href"))
        .isEqualTo("/dags/demo/runs/r1/tasks/transform_b/tries/1/log");
    // load sits right of both transforms, which sit right of extract
    assertThat(x(run, "load"))
        .isGreaterThan(x(run, "transform_a"))
        .isGreaterThan(x(run, "extract"));
    assertThat(x(run, "transform_a")).isEqualTo(x(run, "transform_b"));
    assertThat(run.select("svg path.edge").attr("d").chars().filter(c -> c == 'M')).hasSize(5);
  }

  private static int x(Document run, String taskId) {
    String transform = run.select("svg g.node[data-task-id=" + taskId + "]").attr("transform");
    return Integer.parseInt(transform.replaceAll("translate\\((\\d+),.*", "$1"));
  }

  @Test
  void hostileParamsErrorsAndLogLinesStayText() throws Exception {
    Document run = page("/dags/demo/runs/r1");
    assertThat(run.select("script")).hasSize(1);
    assertThat(run.select("script").attr("src")).isEqualTo("/static/ui.js");
    assertThat(run.select("img")).isEmpty();
    assertThat(run.select("td.param").text()).contains(UiDags.HOSTILE);
    assertThat(run.select("#tasks tr[data-task-id=publish] .error-summary").text())
        .isEqualTo("java.lang.IllegalArgumentException: " + UiDags.HOSTILE);
    Document log = page("/dags/demo/runs/r1/tasks/transform_b/tries/1/log");
    assertThat(log.select("#log").text()).contains(UiDags.HOSTILE);
    assertThat(log.select("script")).hasSize(1);
    assertThat(log.select("img")).isEmpty();
    Document home = page("/");
    assertThat(home.select("tr.dag[data-dag-id=demo]").text()).contains(UiDags.HOSTILE);
    assertThat(home.select("img")).isEmpty();
    Document dag = page("/dags/demo");
    assertThat(dag.select("input[name=param.name]").val()).isEqualTo(UiDags.HOSTILE);
    assertThat(dag.select("img")).isEmpty();
  }

  @Test
  void theRuntimesLogOfATryIsShownAndATryWithoutALogSaysSo() throws Exception {
    Document published = page("/dags/demo/runs/r1/tasks/publish/tries/1/log");
    // written by the runtime: the error with its stack trace, hostile message included, as text
    assertThat(published.select("#log").text())
        .contains("IllegalArgumentException")
        .contains(UiDags.HOSTILE);
    assertThat(published.select("img")).isEmpty();
    Files.delete(
        io.processflow.runtime.logs.TaskLogFiles.file(runsDir, "demo", "r1", "extract", 1));
    Document log = page("/dags/demo/runs/r1/tasks/extract/tries/1/log");
    assertThat(log.select("#no-log").text()).isEqualTo("No log was recorded for this try.");
  }

  @Test
  void aTryOfARunWithoutTaskLogsSaysTheRunKeptNone() throws Exception {
    try (DagRunner runner = DagRunner.create()) {
      runner.run(
          UiDags.demo(),
          RunConfig.builder()
              .runId("quiet")
              .recorder(Journals.in(runsDir).recorder(false, RunStore.TaskLogs.OFF))
              .build());
    }
    HttpResponse<String> response =
        Http.get(base + "/dags/demo/runs/quiet/tasks/extract/tries/1/log");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("This run kept no task logs (it was started with --no-task-logs).");
    Document log = Jsoup.parse(response.body());
    assertThat(log.select("#no-log").text())
        .isEqualTo("This run kept no task logs (it was started with --no-task-logs).");
    assertThat(page("/dags/demo/runs/r1/tasks/load/tries/1/log").select("#no-log")).isEmpty();
    assertThat(
            Jsoup.parse(HtmlRunReport.render(Journals.in(runsDir), "demo", "quiet", null))
                .select("#no-logs")
                .text())
        .isEqualTo("This run kept no task logs (it was started with --no-task-logs).");
  }

  @Test
  void idsInUrlsNeverReachFilesOutsideTheRunsDirectory() throws Exception {
    Path secret = runsDir.getParent().resolve("secret.log");
    Files.writeString(secret, "TOP SECRET");
    for (String path :
        new String[] {
          "/dags/..%2F..%2Fetc/runs/r1",
          "/dags/demo/runs/..%2F..%2Fsecret",
          "/dags/demo/runs/r1/tasks/..%2F..%2F..%2F..%2Fsecret.log%00/tries/1/log",
          "/dags/demo/runs/r1/tasks/../tries/1/log",
          "/dags/demo/runs/r1/tasks/transform_b/tries/0/log",
          "/dags/demo/runs/r1/tasks/transform_b/tries/99/log",
          "/dags/demo/runs/r1/tasks/transform_b/tries/-1/log",
          "/dags/%2E%2E/runs/r1",
          "/static/..%2F..%2Fpom.xml",
        }) {
      HttpResponse<String> response = Http.get(base + path);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(response.body()).as(path).doesNotContain("TOP SECRET");
    }
  }

  @Test
  void aDagOnlyInTheRunsDirectoryIsShownFromItsJournals() throws Exception {
    Path other = Files.createTempDirectory(runsDir, "x");
    UiDags.run(UiDags.flaky(), runsDir, "only-journal");
    ui.close();
    ui = UiServer.start("127.0.0.1", 0, runsDir, java.util.List.of());
    base = "http://127.0.0.1:" + ui.port();
    assertThat(page("/").select("tr.dag").eachAttr("data-dag-id")).containsExactly("demo", "flaky");
    Document run = page("/dags/flaky/runs/only-journal");
    assertThat(run.select("svg g.node").eachAttr("data-task-id"))
        .containsExactly("prepare", "check", "finish");
    assertThat(run.select("button.clear")).isEmpty();
    assertThat(other).exists();
  }

  @Test
  void requestsForAnotherHostAreRefusedOnLoopback() throws Exception {
    assertThat(
            Http.rawStatus(
                ui.port(), "GET / HTTP/1.1\r\nHost: evil.example:" + ui.port() + "\r\n\r\n"))
        .isEqualTo(403);
    assertThat(
            Http.rawStatus(
                ui.port(), "GET / HTTP/1.1\r\nHost: localhost:" + ui.port() + "\r\n\r\n"))
        .isEqualTo(200);
  }

  @Test
  void postsNeedTheCsrfTokenAndTheUiOrigin() throws Exception {
    String csrf = page("/dags/demo").select("#trigger input[name=csrf]").val();
    assertThat(csrf).hasSizeGreaterThan(20);
    HttpResponse<String> noToken = Http.post(base + "/dags/demo/trigger", Map.of("run_id", "x1"));
    assertThat(noToken.statusCode()).isEqualTo(403);
    HttpResponse<String> wrongToken =
        Http.post(base + "/dags/demo/trigger", Map.of("run_id", "x1", "csrf", "nope"));
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    HttpResponse<String> crossSite =
        Http.post(
            base + "/dags/demo/trigger",
            Map.of("run_id", "x1", "csrf", csrf),
            "Origin",
            "http://evil.example");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(Http.get(base + "/dags/demo/trigger").statusCode()).isEqualTo(405);
    assertThat(Journals.in(runsDir).runs("demo")).extracting(r -> r.runId()).containsExactly("r1");
    HttpResponse<String> ok =
        Http.post(base + "/dags/demo/trigger", Map.of("run_id", "x1", "csrf", csrf));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).hasValue("/dags/demo/runs/x1");
  }

  @Test
  void triggerValidatesParamsAsTheCliDoes() throws Exception {
    String csrf = page("/dags/demo").select("#trigger input[name=csrf]").val();
    HttpResponse<String> bad =
        Http.post(
            base + "/dags/demo/trigger", Map.of("csrf", csrf, "param.count", "0", "run_id", "bad"));
    assertThat(bad.statusCode()).isEqualTo(400);
    Document page = Jsoup.parse(bad.body());
    assertThat(page.select("#trigger-error").text()).contains("count").contains("0");
    assertThat(page.select("input[name=param.count]").val()).isEqualTo("0");
    assertThat(Journals.in(runsDir).runs("demo")).extracting(r -> r.runId()).containsExactly("r1");
  }

  @Test
  void aServerOnTheIpv6LoopbackGivesAnAddressThatReachesIt() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      probe.getLocalPort();
    } catch (IOException e) {
      Assumptions.abort("this machine has no IPv6 loopback: " + e);
    }
    ui.close();
    ui = UiServer.start("::1", 0, runsDir, UiDags.providers());
    String url = ui.url();
    assertThat(url).isEqualTo("http://[::1]:" + ui.port() + "/");
    assertThat(Http.get(url + "dags/demo/runs/r1").statusCode()).isEqualTo(200);
  }

  @Test
  void anotherAddressNeedsTheTokenOnEveryRequest() throws Exception {
    ui.close();
    ui = UiServer.start("0.0.0.0", 0, runsDir, UiDags.providers());
    String url = ui.url();
    assertThat(url).contains("?token=");
    String token = url.substring(url.indexOf("?token=") + 7);
    String root = "http://127.0.0.1:" + ui.port();
    assertThat(Http.get(root + "/").statusCode()).isEqualTo(403);
    assertThat(Http.get(root + "/dags/demo/runs/r1").statusCode()).isEqualTo(403);
    assertThat(Http.get(root + "/?token=wrong").statusCode()).isEqualTo(403);
    HttpResponse<String> first = Http.get(root + "/?token=" + token);
    assertThat(first.statusCode()).isEqualTo(303);
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
    String pair = cookie.substring(0, cookie.indexOf(';'));
    assertThat(Http.get(root + "/dags/demo/runs/r1", "Cookie", pair).statusCode()).isEqualTo(200);
    assertThat(
            Http.get(root + "/dags/demo/runs/r1", "Authorization", "Bearer " + token).statusCode())
        .isEqualTo(200);
  }

  @Test
  void everyPageForbidsInlineScriptsAndFraming() throws Exception {
    HttpResponse<String> response = Http.get(base + "/dags/demo/runs/r1");
    String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy)
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-eval");
    assertThat(
            policy.substring(
                policy.indexOf("script-src"), policy.indexOf(';', policy.indexOf("script-src"))))
        .doesNotContain("unsafe-inline");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }
}

package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.logs.TaskLog;
import io.processflow.ui.UiServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web UI over a database: its pages show a database run's tasks, states and a worker try's log
 * (hostile ids and lines escaped, the URL's password nowhere), and trigger and clear decide runs
 * whose bodies run on the database's workers.
 */
class DbUiTest {
  private static final String PASSWORD = "s3cret-pw-9731";
  private static final String HOSTILE_RUN = "r<img src=x onerror=alert(1)>";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();

  /** Whether {@code check} fails: it does until a test lets it succeed, then a clear reruns it. */
  private final AtomicBoolean checkFails = new AtomicBoolean(true);

  private DbFixture db;
  private DbRunStore store;
  private UiServer ui;
  private String base;
  private DagDefinition dag;

  @BeforeEach
  void start() throws Exception {
    // trust authentication ignores the password: it is there to be kept out of every page
    db = new DbFixture(pg.server(), "&password=" + PASSWORD);
    store = db.store;
    DagBuilder builder = DagBuilder.dag("shop");
    builder
        .task(
            "extract",
            ctx -> {
              TaskLog.of(ctx).info("row </pre><script>alert('x')</script> & more");
              return 3;
            })
        .then(
            builder.task(
                "check",
                ctx -> {
                  if (checkFails.get()) {
                    throw new IllegalStateException("check failed <b>loudly</b>");
                  }
                  return "ok";
                }));
    dag = builder.build();
    db.worker(dag, Duration.ofSeconds(5));
    ui = UiServer.start("127.0.0.1", 0, store, List.of(DbFixture.provider(dag)));
    base = "http://127.0.0.1:" + ui.port();
  }

  @AfterEach
  void stop() throws Exception {
    if (ui != null) {
      ui.close();
    }
    db.close();
  }

  private RunResult decide(String runId) {
    return db.start(dag, runId).join();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Document page(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(PASSWORD);
    return Jsoup.parse(response.body());
  }

  private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String runPath(String runId) {
    return "/dags/shop/runs/" + enc(runId);
  }

  /** The run page once the run's state is {@code state}, read again until then. */
  private Document runPageOnce(String runId, String state) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Document run = page(runPath(runId));
    while (!run.select("#run-state").attr("data-state").equals(state)
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      run = page(runPath(runId));
    }
    return run;
  }

  @Test
  void pagesShowADatabaseRunsTasksStatesAndAWorkerTrysLogEscaped() throws Exception {
    RunResult result = decide(HOSTILE_RUN);
    assertThat(result.task("check").state()).isEqualTo(TaskState.FAILED);

    Document home = page("/");
    assertThat(home.select("#runs-where").text()).contains("jdbc:postgresql://");
    assertThat(home.select("tr.dag[data-dag-id=shop]")).hasSize(1);

    Document dagPage = page("/dags/shop");
    assertThat(dagPage.html()).doesNotContain("<img src=x");
    assertThat(dagPage.text()).contains(HOSTILE_RUN);

    Document run = page(runPath(HOSTILE_RUN));
    assertThat(run.select("#run-state").attr("data-state")).isEqualTo("failed");
    assertThat(run.select("#tasks tr[data-task-id=extract]").attr("data-state"))
        .isEqualTo("success");
    assertThat(run.select("#tasks tr[data-task-id=check]").attr("data-state")).isEqualTo("failed");
    assertThat(run.select("img")).isEmpty();
    assertThat(run.text()).contains("check failed <b>loudly</b>");
    String logHref = run.select("a[data-task-id=extract][data-try=1]").attr("href");
    assertThat(logHref).isNotEmpty();

    Document log = page(logHref);
    assertThat(log.select("#log").text())
        .contains("Starting attempt 1 of task extract")
        .contains("row </pre><script>alert('x')</script> & more")
        .contains("Marking task as SUCCESS");
    assertThat(log.select("script[src]").size()).isEqualTo(log.select("script").size());
    Document failedLog = page(runPath(HOSTILE_RUN) + "/tasks/check/tries/1/log");
    assertThat(failedLog.select("#log").text())
        .contains("check failed <b>loudly</b>")
        .contains("Marking task as FAILED");

    assertThat(get(runPath("nope")).statusCode()).isEqualTo(404);
    assertThat(get(runPath(HOSTILE_RUN) + "/tasks/check/tries/7/log").statusCode()).isEqualTo(404);
    assertThat(get("/dags/" + enc("ghost' OR '1'='1")).statusCode()).isEqualTo(404);
  }

  @Test
  void aRunTriggeredInTheUiIsDecidedThereAndRunOnTheWorkersThenClearedAndRunAgain()
      throws Exception {
    checkFails.set(true);
    String csrf = page("/dags/shop").select("#trigger input[name=csrf]").val();
    HttpResponse<String> triggered =
        post("/dags/shop/trigger", Map.of("run_id", "ui1", "csrf", csrf));
    assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(303);
    assertThat(triggered.headers().firstValue("Location")).hasValue(runPath("ui1"));
    Document failed = runPageOnce("ui1", "failed");
    assertThat(failed.select("#run-state").attr("data-state")).isEqualTo("failed");
    assertThat(store.views().tryLog("shop", "ui1", "extract", 1, 1 << 20))
        .as("the body ran on the worker, which wrote its log")
        .contains("row </pre>");

    checkFails.set(false);
    String clearCsrf = failed.select("#clear-form input[name=csrf]").val();
    HttpResponse<String> cleared =
        post(runPath("ui1") + "/clear", Map.of("task_id", "check", "csrf", clearCsrf));
    assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(303);
    Document succeeded = runPageOnce("ui1", "success");
    assertThat(succeeded.select("#tasks tr[data-task-id=check]").attr("data-state"))
        .isEqualTo("success");
    assertThat(store.views().loggedTries("shop", "ui1", "check")).containsExactly(1, 2);
    assertThat(page(runPath("ui1") + "/tasks/check/tries/2/log").select("#log").text())
        .contains("Marking task as SUCCESS");
  }
}

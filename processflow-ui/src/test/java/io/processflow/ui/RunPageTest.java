package io.processflow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The run page's HTML, from a model: layers, pages of tasks, and hostile ids from a journal. */
class RunPageTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A chain of {@code n} tasks, all succeeded in one try of a second each. */
  private static RunModel chain(int n, String prefix) {
    List<RunModel.TaskRow> tasks = new ArrayList<>();
    int[][] upstream = new int[n][];
    for (int i = 0; i < n; i++) {
      tasks.add(
          new RunModel.TaskRow(
              prefix + i,
              TaskState.SUCCESS,
              List.of(
                  new RunModel.Try(
                      1, TaskState.SUCCESS, T0.plusSeconds(i), T0.plusSeconds(i + 1), null))));
      upstream[i] = i == 0 ? new int[0] : new int[] {i - 1};
    }
    return new RunModel(
        "d",
        "r",
        T0,
        Map.of(),
        DagRunState.SUCCESS,
        T0,
        T0.plusSeconds(n),
        tasks,
        Layers.of(upstream),
        upstream,
        List.of(),
        false);
  }

  @Test
  void aRunningRunWhoseTasksHaveNotStartedIsShown() {
    // A run against a database is running while its first task waits for a worker to claim it.
    RunModel run =
        new RunModel(
            "d",
            "r",
            T0,
            Map.of(),
            DagRunState.RUNNING,
            T0,
            null,
            List.of(new RunModel.TaskRow("t0", TaskState.QUEUED, List.of())),
            Layers.of(new int[][] {{}}),
            new int[][] {{}},
            List.of(),
            false);
    Document page = Jsoup.parse(RunPage.served(run, "v", "c", false, null, 0));
    assertThat(page.select("#run-state").attr("data-state")).isEqualTo("running");
    assertThat(page.select("#tasks tr[data-task-id=t0]").attr("data-state")).isEqualTo("queued");
  }

  @Test
  void layersPutEachTaskRightOfItsFurthestUpstream() {
    int[][] upstream = {{}, {0}, {0}, {1, 2}, {0}, {3, 4}};
    assertThat(Layers.of(upstream)).containsExactly(0, 1, 1, 2, 1, 3);
    assertThat(Layers.downstream(upstream)[0]).containsExactly(1, 2, 4);
  }

  @Test
  void aBigRunShowsEveryTaskInTheGraphAndAPageOfThemInTheGanttAndTable() {
    RunModel run = chain(1001, "t");
    Document first = Jsoup.parse(RunPage.served(run, "v", "c", false, null, 0));
    assertThat(first.select("svg g.node")).hasSize(1001);
    assertThat(first.select("#tasks tr.task")).hasSize(RunPage.PAGE_SIZE);
    assertThat(first.select("#gantt a.bar")).hasSize(RunPage.PAGE_SIZE);
    assertThat(first.select("svg g.node[data-task-id=t600]").parents().select("a").attr("href"))
        .isEqualTo("?page=1#task-600");
    assertThat(first.select("svg g.node[data-task-id=t10]").parents().select("a").attr("href"))
        .isEqualTo("#task-10");
    Document last = Jsoup.parse(RunPage.served(run, "v", "c", false, null, 2));
    assertThat(last.select("#tasks tr.task").eachAttr("data-task-id")).containsExactly("t1000");
    Document beyond = Jsoup.parse(RunPage.served(run, "v", "c", false, null, 99));
    assertThat(beyond.select("#tasks tr.task").eachAttr("data-task-id")).containsExactly("t1000");
    assertThat(last.select("body").attr("data-live")).isEmpty();
  }

  @Test
  void inAReportATryWithoutALogLinksToItsTasksRow() {
    Document report =
        Jsoup.parse(
            RunPage.report(
                chain(2, "t"), (taskId, tryNumber) -> taskId.equals("t1") ? "ok" : null));
    assertThat(report.select("a.try[data-task-id=t0]").attr("href")).isEqualTo("#task-0");
    assertThat(report.select("a.try[data-task-id=t1]").attr("href")).isEqualTo("#log-1-1");
    assertThat(report.select("section.log").eachAttr("data-task-id")).containsExactly("t1");
    assertThat(report.select("#log-1-1 pre.log").text()).isEqualTo("ok");
  }

  @Test
  void hostileIdsFromAJournalStayTextAndLinksStayInTheUi() {
    String evil = "\"><script>alert(1)</script>/../../x?y#z";
    List<RunModel.TaskRow> tasks =
        List.of(
            new RunModel.TaskRow(
                evil,
                TaskState.FAILED,
                List.of(
                    new RunModel.Try(
                        1,
                        TaskState.FAILED,
                        T0,
                        T0.plusSeconds(1),
                        new TaskError("<b>Type</b>", "<i>msg</i>", "<u>trace</u>")))));
    RunModel run =
        new RunModel(
            "<dag>",
            "run/../..",
            T0,
            Map.of("<p>", "</td><script>"),
            DagRunState.RUNNING,
            T0,
            null,
            tasks,
            new int[] {0},
            new int[][] {{}},
            List.of("<warning>"),
            false);
    Document page = Jsoup.parse(RunPage.served(run, "v", "c", true, null, 0));
    assertThat(page.select("script")).hasSize(1);
    assertThat(page.select("b, i, u, p.param")).isEmpty();
    assertThat(page.select("svg g.node").attr("data-task-id")).isEqualTo(evil);
    assertThat(page.select("#tasks tr.task").attr("data-task-id")).isEqualTo(evil);
    assertThat(page.select("a.try").attr("href"))
        .isEqualTo(
            "/dags/%3Cdag%3E/runs/run%2F..%2F../tasks/%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%2F..%2F..%2Fx%3Fy%23z/tries/1/log");
    assertThat(page.select("body").attr("data-live"))
        .isEqualTo("/dags/%3Cdag%3E/runs/run%2F..%2F../live?page=0");
    assertThat(page.select(".error-summary").text()).isEqualTo("<b>Type</b>: <i>msg</i>");
    assertThat(page.select("td.param").text()).isEqualTo("</td><script>");
    assertThat(page.select("p.warning").text()).isEqualTo("<warning>");
    // the run is still running: no clear button yet
    assertThat(page.select("button.clear")).isEmpty();
  }
}

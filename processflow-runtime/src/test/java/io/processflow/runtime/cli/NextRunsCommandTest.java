package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagProvider;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The launcher's {@code next-runs} and the schedule column of {@code list}. */
class NextRunsCommandTest {
  private static DagProvider provider(String dagId, UnaryOperator<DagBuilder> schedule) {
    DagBuilder builder = schedule.apply(DagBuilder.dag(dagId));
    builder.task("a", ctx -> null);
    return DagProvider.of(builder.build());
  }

  private static final List<DagProvider> DAGS =
      List.of(
          provider(
              "nightly",
              dag -> dag.schedule("30 2 * * *").timezone("America/New_York").endDate("2024-03-12")),
          provider("manual", dag -> dag),
          provider(
              "readme",
              dag ->
                  dag.schedule("30 2 * * *").timezone("Europe/Amsterdam").startDate("2024-01-01")));

  private static Captured launch(String... args) {
    return Captured.of(() -> Launcher.execute(DAGS, args));
  }

  @Test
  void printsTheNextLogicalDatesOnePerLineIsoFirst() {
    Captured outcome =
        launch("next-runs", "nightly", "--count", "2", "--after", "2024-03-09T12:00:00Z");
    assertThat(outcome.status()).as(outcome.err()).isZero();
    // 02:30 does not exist in New York on 2024-03-10: the run is at 03:30 EDT.
    assertThat(outcome.out().lines())
        .containsExactly(
            "2024-03-10T07:30:00+00:00  2024-03-10T03:30:00-04:00 America/New_York",
            "2024-03-11T06:30:00+00:00  2024-03-11T02:30:00-04:00 America/New_York");
  }

  @Test
  void saysWhenTheEndDateStopsTheRunsEarly() {
    Captured outcome =
        launch("next-runs", "nightly", "--count", "5", "--after", "2024-03-10T12:00:00Z");
    assertThat(outcome.status()).isZero();
    assertThat(outcome.out().lines()).hasSize(1);
    assertThat(outcome.err())
        .contains(
            "DAG 'nightly' has no run after 2024-03-11T06:30:00+00:00 (its endDate is 2024-03-12T04:00:00+00:00)");
  }

  @Test
  void aDagWithoutScheduleIsABadArgument() {
    Captured outcome = launch("next-runs", "manual");
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).contains("DAG 'manual' has no schedule (manual runs only)");
    Captured unknown = launch("next-runs", "nightlly");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown DAG id 'nightlly'");
  }

  @Test
  void listShowsEachSchedule() {
    Captured outcome = launch("list");
    assertThat(outcome.status()).isZero();
    assertThat(outcome.out())
        .containsPattern("(?m)^\\s+schedule: 30 2 \\* \\* \\* \\(America/New_York\\)$")
        .containsPattern("(?m)^\\s+schedule: None$");
  }

  @Test
  void theReadmeExample() {
    Captured outcome =
        launch("next-runs", "readme", "--count", "3", "--after", "2024-03-30T12:00:00Z");
    assertThat(outcome.out().lines())
        .containsExactly(
            "2024-03-31T01:30:00+00:00  2024-03-31T03:30:00+02:00 Europe/Amsterdam",
            "2024-04-01T00:30:00+00:00  2024-04-01T02:30:00+02:00 Europe/Amsterdam",
            "2024-04-02T00:30:00+00:00  2024-04-02T02:30:00+02:00 Europe/Amsterdam");
  }
}

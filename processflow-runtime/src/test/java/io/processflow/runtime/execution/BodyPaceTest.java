package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a run narrows to one slot and widens again (see BodyPace), report by report. */
class BodyPaceTest {
  private static final BodyPace.Settings SETTINGS =
      new BodyPace.Settings(4, 1_500, 3_000, 1_000_000);

  private static BodyPace pace(int maxActive) {
    return new BodyPace(maxActive, SETTINGS);
  }

  /** The monotonic clock of the bodies reported, one after the other. */
  private static long clock = 1_000_000_000L;

  /** Reports bodies that took {@code nanos} each, one after the other; how many narrowed. */
  private static int report(BodyPace pace, long... nanos) {
    int narrowed = 0;
    for (long n : nanos) {
      if (reported(pace, n)) {
        narrowed++;
      }
    }
    return narrowed;
  }

  private static boolean reported(BodyPace pace, long nanos) {
    clock += nanos;
    return pace.reported(0, clock - nanos, clock);
  }

  @Test
  void aWindowOfShortBodiesNarrowsToOneSlotOnceAndOnlyWhenTheWindowIsFull() {
    BodyPace pace = pace(4);
    assertThat(pace.limit()).isEqualTo(4);
    assertThat(report(pace, 100, 200, 300)).isZero();
    assertThat(pace.limit()).as("three of a window of four").isEqualTo(4);
    assertThat(reported(pace, 1_000)).as("the window's average, 400 ns, is short").isTrue();
    assertThat(pace.narrow()).isTrue();
    assertThat(pace.limit()).isEqualTo(1);
    assertThat(report(pace, 100, 100, 100, 100)).as("already narrow: no second watch").isZero();
    assertThat(pace.limit()).isEqualTo(1);
  }

  @Test
  void aWindowAveragingAtOrOverTheBreakEvenStaysWide() {
    BodyPace pace = pace(2);
    assertThat(report(pace, 1_500, 1_500, 1_500, 1_500)).isZero();
    assertThat(report(pace, 0, 0, 0, 6_000)).as("a 1.5 us average").isZero();
    assertThat(pace.limit()).isEqualTo(2);
    assertThat(report(pace, 0, 0, 0, 5_999)).as("just under").isEqualTo(1);
  }

  @Test
  void aNarrowRunWidensOnAWindowOverTheUpperThresholdNotBetween() {
    BodyPace pace = pace(3);
    report(pace, 0, 0, 0, 0);
    assertThat(report(pace, 2_000, 2_000, 2_000, 2_000))
        .as("between the thresholds: stays as it is")
        .isZero();
    assertThat(pace.limit()).isEqualTo(1);
    report(pace, 3_001, 3_001, 3_001, 3_001);
    assertThat(pace.limit()).isEqualTo(3);
    assertThat(pace.narrow()).isFalse();
  }

  @Test
  void oneLongBodyOnlyCountsInItsWindowsAverage() {
    BodyPace pace = pace(2);
    assertThat(report(pace, 100_000, 0, 0, 0)).as("a wide window: 25 us on average").isZero();
    report(pace, 0, 0, 0, 0);
    assertThat(pace.narrow()).isTrue();
    report(pace, 0, 0, 0, 12_000);
    assertThat(pace.narrow()).as("3 us on average: a pause, not long bodies").isTrue();
    report(pace, 0, 0, 0, 12_004);
    assertThat(pace.limit()).as("over 3 us on average").isEqualTo(2);
  }

  @Test
  void aPauseCountsForFiftyMicrosecondsAtMostSoANarrowRunStaysNarrow() {
    BodyPace pace = new BodyPace(2, BodyPace.Settings.DEFAULT);
    for (int i = 0; i < 128; i++) {
      reported(pace, 300);
    }
    assertThat(pace.narrow()).isTrue();
    reported(pace, 5_000_000); // a pause of the VM: 5 ms
    for (int i = 1; i < 128; i++) {
      reported(pace, 300);
    }
    assertThat(pace.narrow()).as("(127 x 0.3 + 50) / 128 = 0.69 us on average").isTrue();
    for (int i = 0; i < 128; i++) {
      reported(pace, 3_500);
    }
    assertThat(pace.narrow()).as("bodies of 3.5 us").isFalse();
  }

  @Test
  void anOutcomeFromElsewhereWidensAndRestartsTheWindow() {
    BodyPace pace = pace(2);
    report(pace, 0, 0, 0, 0);
    pace.reportedElsewhere();
    assertThat(pace.limit()).isEqualTo(2);
    report(pace, 0, 0);
    pace.reportedElsewhere();
    assertThat(report(pace, 0, 0, 0)).as("the window started again").isZero();
    assertThat(reported(pace, 0)).isTrue();
  }

  @Test
  void widenSaysWhetherItWasNarrow() {
    BodyPace pace = pace(2);
    assertThat(pace.widen()).isFalse();
    report(pace, 0, 0, 0, 0);
    assertThat(pace.widen()).isTrue();
    assertThat(pace.limit()).isEqualTo(2);
  }

  @Test
  void oneSlotHasNothingToNarrow() {
    BodyPace pace = pace(1);
    assertThat(report(pace, 0, 0, 0, 0, 0, 0, 0, 0)).isZero();
    assertThat(pace.narrow()).isFalse();
    assertThat(pace.limit()).isEqualTo(1);
  }

  @Test
  void theDefaultsNarrowUnderOnePointFiveMicrosecondsOverAWindowOf128() {
    BodyPace pace = new BodyPace(2, BodyPace.Settings.DEFAULT);
    for (int i = 1; i < 128; i++) {
      assertThat(reported(pace, 1_400)).isFalse();
    }
    assertThat(reported(pace, 1_400)).isTrue();
    assertThat(pace.stallNanos()).isEqualTo(1_000_000);
  }
}

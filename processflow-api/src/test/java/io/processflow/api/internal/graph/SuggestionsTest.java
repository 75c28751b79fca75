package io.processflow.api.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void suggestsTheOneCloseId() {
    assertThat(Suggestions.closest("extrct", List.of("extract", "transform", "load")))
        .hasValue("extract");
  }

  @Test
  void noSuggestionWhenNothingIsClose() {
    assertThat(Suggestions.closest("zzz", List.of("extract", "load"))).isEmpty();
  }

  @Test
  void noSuggestionWhenTwoAreEquallyClose() {
    assertThat(Suggestions.closest("task_3", List.of("task_1", "task_2"))).isEmpty();
  }

  @Test
  void idRule() {
    assertThat(TaskIds.isValid("a-b.c_9")).isTrue();
    assertThat(TaskIds.isValid("a b")).isFalse();
    assertThat(TaskIds.isValid("")).isFalse();
    assertThat(TaskIds.isValid(null)).isFalse();
  }

  @Test
  void idsThatWouldBeTheRunsDirectoryOrItsParentOrTooLongForAFileNameAreInvalid() {
    assertThat(TaskIds.isValid(".")).isFalse();
    assertThat(TaskIds.isValid("..")).isFalse();
    assertThat(TaskIds.isValid("...")).isTrue();
    assertThat(TaskIds.isValid(".hidden")).isTrue();
    assertThat(TaskIds.isValid("x".repeat(TaskIds.MAX_LENGTH))).isTrue();
    assertThat(TaskIds.isValid("x".repeat(TaskIds.MAX_LENGTH + 1))).isFalse();
    assertThat(TaskIds.isValid("x".repeat(10_000))).isFalse();
  }
}

package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkListTest {
  @Test
  void growsWhileItIsReadAndEmptiesAtOnce() {
    WorkList work = new WorkList();
    work.add(7);
    int read = 0;
    // Read while appending, as propagate's rounds do: each item adds two more until 100 items.
    while (read < work.size()) {
      int item = work.get(read++);
      if (work.size() < 100) {
        work.add(item + 1);
        work.add(item + 2);
      }
    }
    assertThat(work.size()).isGreaterThanOrEqualTo(100);
    assertThat(work.get(0)).isEqualTo(7);
    assertThat(work.get(1)).isEqualTo(8);
    assertThat(work.get(2)).isEqualTo(9);
    work.clear();
    assertThat(work.size()).isZero();
    work.add(3);
    assertThat(work.get(0)).isEqualTo(3);
  }
}

package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadyQueueTest {
  @Test
  void keepsOrderAcrossWrapAroundAndGrowth() {
    ReadyQueue queue = new ReadyQueue();
    for (int i = 0; i < 10; i++) {
      queue.add(i);
    }
    for (int i = 0; i < 8; i++) {
      assertThat(queue.poll()).isEqualTo(i);
    }
    for (int i = 10; i < 60; i++) { // wraps around the 16-slot ring, then grows it
      queue.add(i);
    }
    assertThat(queue.size()).isEqualTo(52);
    for (int k = 0; k < 52; k++) {
      assertThat(queue.get(k)).isEqualTo(k + 8);
    }
    for (int i = 8; i < 60; i++) {
      assertThat(queue.poll()).isEqualTo(i);
    }
    assertThat(queue.size()).isZero();
  }

  @Test
  void growsUpToTheTaskCountAndWrapsAroundAtThatOddLength() {
    ReadyQueue queue = new ReadyQueue(37);
    for (int i = 0; i < 30; i++) { // 16, then 24, then 36 slots
      queue.add(i);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(queue.poll()).isEqualTo(i);
    }
    for (int i = 30; i < 57; i++) { // wraps around 36 slots, then grows to 37, not 54
      queue.add(i);
    }
    assertThat(queue.size()).isEqualTo(37);
    for (int k = 0; k < 37; k++) {
      assertThat(queue.get(k)).isEqualTo(k + 20);
    }
    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(() -> queue.add(99))
        .withMessageContaining("37");
    ArrayDeque<Integer> model = new ArrayDeque<>();
    for (int k = 0; k < 37; k++) {
      model.addLast(k + 20);
    }
    for (int k = 0; k < 100; k++) { // head and tail keep wrapping at 37
      int task = queue.poll();
      assertThat(task).isEqualTo(model.pollFirst());
      queue.add(task + 1_000);
      model.addLast(task + 1_000);
    }
    while (!model.isEmpty()) {
      assertThat(queue.poll()).isEqualTo(model.pollFirst());
    }
    assertThat(queue.size()).isZero();
  }

  @Test
  void theUnmarkedTailIsWhatWasAddedSinceTheMarkAndStillWaits() {
    ReadyQueue queue = new ReadyQueue();
    queue.add(1);
    queue.add(2);
    queue.mark();
    queue.add(3);
    queue.add(4);
    assertThat(queue.firstUnmarked()).isEqualTo(2);
    queue.poll(); // 1, marked
    queue.poll(); // 2, marked
    queue.poll(); // 3, unmarked: leaves from the tail's front
    assertThat(queue.firstUnmarked()).isZero();
    assertThat(queue.get(queue.firstUnmarked())).isEqualTo(4);
    queue.mark();
    assertThat(queue.firstUnmarked()).isEqualTo(queue.size());
  }

  @Test
  void behavesAsADequeWithAMarkOnRandomOperations() {
    Random random = new Random(12);
    for (int round = 0; round < 200; round++) {
      ReadyQueue queue = new ReadyQueue();
      ArrayDeque<Integer> model = new ArrayDeque<>();
      List<Integer> sinceMark = new ArrayList<>();
      for (int step = 0; step < 500; step++) {
        int op = random.nextInt(10);
        if (op < 5) {
          int task = random.nextInt(1_000);
          queue.add(task);
          model.addLast(task);
          sinceMark.add(task);
        } else if (op < 8 && !model.isEmpty()) {
          int expected = model.pollFirst();
          assertThat(queue.poll()).isEqualTo(expected);
          if (model.size() < sinceMark.size()) {
            sinceMark.remove(0);
          }
        } else if (op == 8) {
          queue.mark();
          sinceMark.clear();
        } else {
          queue.clear();
          model.clear();
          sinceMark.clear();
        }
        assertThat(queue.size()).isEqualTo(model.size());
        List<Integer> tail = new ArrayList<>();
        for (int k = queue.firstUnmarked(); k < queue.size(); k++) {
          tail.add(queue.get(k));
        }
        assertThat(tail).isEqualTo(sinceMark);
      }
    }
  }
}

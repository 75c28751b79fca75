package io.processflow.runtime.execution;

import static io.processflow.runtime.execution.TaskLinks.END;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskLinksTest {
  /** The tasks of the list that starts at {@code first}, in order. */
  static List<Integer> walk(TaskLinks links, int first) {
    List<Integer> tasks = new ArrayList<>();
    for (int i = first; i != END; i = links.next(i)) {
      tasks.add(i);
    }
    return tasks;
  }

  @Test
  void listsShareOneArrayWithoutMixing() {
    TaskLinks links = new TaskLinks(10);
    int last = links.append(END, 4);
    last = links.append(last, 1);
    links.append(last, 7);
    int other = links.append(END, 2);
    links.append(other, 9);
    assertThat(walk(links, 4)).containsExactly(4, 1, 7);
    assertThat(walk(links, 2)).containsExactly(2, 9);
    assertThat(links.count(4)).isEqualTo(3);
    assertThat(links.count(END)).isZero();
  }

  @Test
  void aTaskLinkedAgainStartsFreshAndLeavesTheListItEnded() {
    TaskLinks links = new TaskLinks(5);
    int last = links.append(END, 0);
    links.append(last, 3);
    // The old list was walked (its tasks handed out); task 0 is linked again, alone.
    assertThat(links.append(END, 0)).isZero();
    assertThat(walk(links, 0)).containsExactly(0);
  }
}

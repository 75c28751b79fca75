package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersistentArrayTest {
  @Test
  void setLeavesTheOriginalUntouchedAndAgreesWithAPlainArray() {
    Random random = new Random(3);
    for (int n : new int[] {0, 1, 31, 32, 33, 1024, 1025, 40_000}) {
      List<Integer> initial = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        initial.add(i);
      }
      PersistentArray<Integer> array = PersistentArray.of(initial);
      Integer[] model = initial.toArray(Integer[]::new);
      PersistentArray<Integer> first = array;
      for (int k = 0; k < Math.min(n, 2_000); k++) {
        int i = random.nextInt(n);
        int v = random.nextInt();
        array = array.set(i, v);
        model[i] = v;
      }
      assertThat(array.size()).isEqualTo(n);
      for (int i = 0; i < n; i++) {
        assertThat(array.get(i)).isEqualTo(model[i]);
        assertThat(first.get(i)).isEqualTo(i);
      }
    }
  }

  @Test
  void settingTheSameValueReturnsTheSameArray() {
    Integer value = 1000;
    PersistentArray<Integer> array = PersistentArray.of(List.of(value, 2));
    assertThat(array.set(0, value)).isSameAs(array);
    assertThat(array.set(0, 7)).isNotSameAs(array);
  }

  @Test
  void outOfRangeIsRejected() {
    PersistentArray<Integer> array = PersistentArray.of(List.of(1));
    assertThatThrownBy(() -> array.set(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}

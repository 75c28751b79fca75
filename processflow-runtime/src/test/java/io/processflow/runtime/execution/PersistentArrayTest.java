package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersistentArrayTest {
  /** The plainest subclass: versions with no fields of their own. */
  static final class Ints extends PersistentArray<Ints> {
    private Ints(Object[] values) {
      super(values);
    }

    static Ints of(List<Integer> values) {
      return new Ints(values.toArray());
    }

    @Override
    protected Ints newer(Object[] backing) {
      return new Ints(backing);
    }
  }

  @Test
  void aVersionIsItsThreeFieldsAndOldVersionsReadThroughTheirDiffs() {
    Ints first = Ints.of(List.of(1, 2, 3));
    Ints second = first.set(0, 10);
    Ints third = second.set(1, 20);
    Ints fourth = third.set(0, 30);
    assertThat(List.of(first.get(0), first.get(1), first.get(2))).containsExactly(1, 2, 3);
    assertThat(List.of(second.get(0), second.get(1), second.get(2))).containsExactly(10, 2, 3);
    assertThat(List.of(third.get(0), third.get(1), third.get(2))).containsExactly(10, 20, 3);
    assertThat(List.of(fourth.get(0), fourth.get(1), fourth.get(2))).containsExactly(30, 20, 3);
    assertThat(first.length()).isEqualTo(3);
    // Setting an old version copies it and leaves the newer ones alone.
    Ints branch = first.set(2, 40);
    assertThat(List.of(branch.get(0), branch.get(1), branch.get(2))).containsExactly(1, 2, 40);
    assertThat(List.of(fourth.get(0), fourth.get(1), fourth.get(2))).containsExactly(30, 20, 3);
    assertThat(List.of(first.get(0), first.get(1), first.get(2))).containsExactly(1, 2, 3);
  }

  @Test
  void setLeavesTheOriginalUntouchedAndAgreesWithAPlainArray() {
    Random random = new Random(3);
    for (int n : new int[] {0, 1, 31, 32, 33, 1024, 1025, 40_000}) {
      List<Integer> initial = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        initial.add(i);
      }
      Ints array = Ints.of(initial);
      Integer[] model = initial.toArray(Integer[]::new);
      Ints first = array;
      for (int k = 0; k < Math.min(n, 2_000); k++) {
        int i = random.nextInt(n);
        int v = random.nextInt();
        array = array.set(i, v);
        model[i] = v;
      }
      assertThat(array.length()).isEqualTo(n);
      for (int i = 0; i < n; i++) {
        assertThat(array.get(i)).isEqualTo(model[i]);
        assertThat(first.get(i)).isEqualTo(i);
      }
    }
  }

  @Test
  void everyOldVersionKeepsItsValuesAndCanBeSetAgain() {
    Random random = new Random(11);
    int n = 50;
    List<Integer> initial = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      initial.add(0);
    }
    List<Ints> versions = new ArrayList<>();
    List<Integer[]> models = new ArrayList<>();
    versions.add(Ints.of(initial));
    models.add(initial.toArray(Integer[]::new));
    for (int k = 1; k < 500; k++) {
      // Mostly extend the newest version, sometimes branch from an old one (which copies).
      int from = random.nextInt(5) == 0 ? random.nextInt(versions.size()) : versions.size() - 1;
      int i = random.nextInt(n);
      int v = random.nextInt(1000) + 1000;
      versions.add(versions.get(from).set(i, v));
      Integer[] model = models.get(from).clone();
      model[i] = v;
      models.add(model);
    }
    for (int k = 0; k < versions.size(); k++) {
      for (int i = 0; i < n; i++) {
        assertThat(versions.get(k).get(i)).isEqualTo(models.get(k)[i]);
      }
    }
  }

  @Test
  void readersOfOldVersionsSeeThemUnchangedWhileTheWriterMovesOn() throws Exception {
    int n = 64;
    List<Integer> initial = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      initial.add(0);
    }
    Ints first = Ints.of(initial);
    java.util.concurrent.atomic.AtomicReference<Ints> latest =
        new java.util.concurrent.atomic.AtomicReference<>(first);
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ConcurrentLinkedQueue<String> errors =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    // Version k holds k at index k % n and values below k elsewhere: every version is checkable.
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                Ints version = latest.get();
                int sum = 0;
                for (int i = 0; i < n; i++) {
                  sum += (Integer) version.get(i);
                }
                int again = 0;
                for (int i = 0; i < n; i++) {
                  again += (Integer) version.get(i);
                }
                if (sum != again) {
                  errors.add("a version changed under its reader: " + sum + " then " + again);
                }
              }
            });
    reader.start();
    Ints version = first;
    for (int k = 1; k <= 200_000; k++) {
      version = version.set(k % n, k);
      latest.set(version);
    }
    done.set(true);
    reader.join();
    assertThat(errors).isEmpty();
    assertThat(first.get(5)).isEqualTo(0);
  }

  @Test
  void settingTheSameValueReturnsTheSameArray() {
    Integer value = 1000;
    Ints array = Ints.of(List.of(value, 2));
    assertThat(array.set(0, value)).isSameAs(array);
    assertThat(array.set(0, 7)).isNotSameAs(array);
  }

  @Test
  void outOfRangeIsRejected() {
    Ints array = Ints.of(List.of(1));
    assertThatThrownBy(() -> array.set(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}

package io.processflow.api.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskIdsTest {
  /** The character loop against the documented pattern, on random ids near the rule's edges. */
  @Test
  void isValidAgreesWithThePattern() {
    String alphabet = "aZ09_.-$ /é";
    Random random = new Random(11);
    for (int round = 0; round < 20_000; round++) {
      int length = random.nextInt(5) == 0 ? 245 + random.nextInt(10) : random.nextInt(5);
      StringBuilder id = new StringBuilder();
      for (int i = 0; i < length; i++) {
        id.append(alphabet.charAt(random.nextInt(random.nextInt(8) == 0 ? alphabet.length() : 7)));
      }
      String text = id.toString();
      boolean expected =
          TaskIds.VALID.matcher(text).matches() && !text.equals(".") && !text.equals("..");
      assertThat(TaskIds.isValid(text)).as(text).isEqualTo(expected);
    }
    assertThat(TaskIds.isValid(null)).isFalse();
    assertThat(TaskIds.isValid("..")).isFalse();
    assertThat(TaskIds.isValid("...")).isTrue();
  }
}

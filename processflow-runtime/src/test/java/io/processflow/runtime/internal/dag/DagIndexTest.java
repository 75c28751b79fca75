package io.processflow.runtime.internal.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.Operator;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DagIndex#upstreamPosition}, the quick look {@code xcomPull} makes before the index: what
 * it finds is what {@link DagIndex#indexOf(String)} gives, for every id, reader and starting
 * position, identical or merely equal strings, parents or not; it finds a few parents by identity
 * from anywhere and any parent at its position; it finds no unknown id, which the index refuses.
 */
class DagIndexTest {
  private static final Operator NOOP = ctx -> null;

  private static String copy(String id) {
    return new String(id.toCharArray());
  }

  @Test
  void aReadersLookupAgreesWithTheIndexForEveryIdAndReader() {
    Random random = new Random(3);
    DagBuilder builder = DagBuilder.dag("d");
    int n = 60;
    List<String> ids = new ArrayList<>();
    TaskHandle[] tasks = new TaskHandle[n];
    for (int i = 0; i < n; i++) {
      ids.add("t" + i);
      tasks[i] = builder.task(ids.get(i), NOOP);
    }
    for (int v = 1; v < n; v++) {
      // Mostly 1 to 3 parents; every tenth task joins many (more than the ids compared).
      int parents = v % 10 == 0 ? Math.min(v, 9) : 1 + random.nextInt(Math.min(v, 3));
      for (int k = 0; k < parents; k++) {
        tasks[random.nextInt(v)].then(tasks[v]);
      }
    }
    DagDefinition dag = builder.build();
    DagIndex index = DagIndex.of(dag);
    for (int reader = 0; reader < n; reader++) {
      int count = index.upstreamCount(reader);
      for (int from = -1; from <= count + 1; from++) {
        for (int i = 0; i < n; i++) {
          for (String id : List.of(ids.get(i), copy(ids.get(i)))) {
            int k = index.upstreamPosition(reader, id, from);
            if (k >= 0) {
              assertThat(index.upstream(reader, k)).isEqualTo(index.indexOf(id)).isEqualTo(i);
            }
          }
        }
        for (int k = 0; k < count; k++) {
          String parent = ids.get(index.upstream(reader, k));
          if (k == from) {
            assertThat(index.upstreamPosition(reader, copy(parent), from)).isEqualTo(k);
          }
          if (count <= 4) {
            assertThat(index.upstream(reader, index.upstreamPosition(reader, parent, from)))
                .isEqualTo(index.upstream(reader, k));
          }
        }
        assertThat(index.upstreamPosition(reader, "t" + n, from)).isEqualTo(-1);
      }
    }
    assertThatThrownBy(() -> index.indexOf("t" + n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no task 't" + n + "'");
  }

  @Test
  void xcomPullReadsParentsByIdenticalOrEqualIdsAndOtherTasksToo() {
    DagBuilder builder = DagBuilder.dag("pulls");
    String a = "a";
    TaskHandle first = builder.task(a, ctx -> 1);
    TaskHandle second = builder.task("b", ctx -> 2);
    TaskHandle sum =
        builder.task(
            "sum",
            ctx ->
                ctx.<Integer>xcomPull(a)
                    + ctx.<Integer>xcomPull(copy("b"))
                    + ctx.<Integer>xcomPull("c"));
    TaskHandle third = builder.task("c", ctx -> 4);
    first.then(second).then(sum);
    first.then(third).then(sum);
    builder.task("last", ctx -> ctx.<Integer>xcomPull("sum") + ctx.<Integer>xcomPull(a));
    builder.dependency("sum", "last");
    try (DagRunner runner = DagRunner.builder().build()) {
      RunResult result = runner.run(builder.build(), RunConfig.defaults());
      assertThat(result.succeeded()).isTrue();
      assertThat(result.task("sum").output()).isEqualTo(7);
      assertThat(result.task("last").output()).isEqualTo(8);
    }
  }
}

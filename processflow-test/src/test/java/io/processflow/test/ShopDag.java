package io.processflow.test;

import io.processflow.api.Branch;
import io.processflow.api.Dag;
import io.processflow.api.DependsOn;
import io.processflow.api.From;
import io.processflow.api.Param;
import io.processflow.api.Task;
import io.processflow.api.TaskContext;
import io.processflow.api.TriggerRule;
import java.util.List;

/**
 * The kit's own test DAG: typed data flow, a param, a branch and its join, retries, a null output.
 */
@Dag(
    id = "shop",
    params = {@Param(name = "mode", value = "full"), @Param(name = "flaky_tries", value = "0")})
public class ShopDag {
  public record Order(String id, int cents) {}

  @Task
  List<Order> extract(TaskContext ctx) {
    return List.of(new Order("o-1", 1200), new Order("o-2", 800));
  }

  @Task
  int total(@From("extract") List<Order> orders) {
    return orders.stream().mapToInt(Order::cents).sum();
  }

  @Branch
  @Task
  @DependsOn("total")
  String choose(TaskContext ctx) {
    return "full".equals(ctx.params().get("mode")) ? "full_report" : "short_report";
  }

  @Task
  @DependsOn("choose")
  String full_report(@From("total") int total) {
    return "total " + total;
  }

  @Task
  @DependsOn("choose")
  String short_report() {
    return "short";
  }

  /** The join after the branch: the report not taken was skipped, so its @From is null here. */
  @Task(triggerRule = TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS)
  String publish(@From("full_report") String full, @From("short_report") String brief) {
    return full != null ? full : brief;
  }

  /** Fails its first {@code flaky_tries} tries, then outputs which try it was. */
  @Task(retries = 3, retryDelay = "10m")
  int flaky(TaskContext ctx) {
    int failures = Integer.parseInt(String.valueOf(ctx.params().get("flaky_tries")));
    if (ctx.tryNumber() <= failures) {
      throw new IllegalStateException("try " + ctx.tryNumber() + " fails");
    }
    return ctx.tryNumber();
  }

  /** Returns null for an empty order list: a boxed output that may be missing. */
  @Task
  Integer largest(@From("extract") List<Order> orders) {
    return orders.stream().map(Order::cents).max(Integer::compare).orElse(null);
  }

  @Task
  String rank(@From("largest") int largest) {
    return largest >= 1000 ? "big" : "small";
  }

  @Task
  char grade() {
    return 'B';
  }

  /** Primitive @From parameters: an int output widened to long and double, a char to int. */
  @Task
  String widen(
      @From("total") long total,
      @From("total") double exact,
      @From("grade") char grade,
      @From("grade") int code) {
    return total + " " + exact + " " + grade + " " + code;
  }

  @Task
  String stamp(TaskContext ctx) {
    return ctx.runId() + " " + ctx.logicalDate() + " " + ctx.render("{{ ds }}");
  }
}

package io.processflow.samples.annotated;

import io.processflow.api.Branch;
import io.processflow.api.Dag;
import io.processflow.api.From;
import io.processflow.api.Param;
import io.processflow.api.ParamType;
import io.processflow.api.ShortCircuit;
import io.processflow.api.Task;
import io.processflow.api.TaskContext;
import io.processflow.api.TriggerRule;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Params, retries, a short circuit, a branch and a join. {@code fetch} fails on its first try, as a
 * flaky source does, and the DAG's default {@code retries = 2} recovers it; {@code enough} skips
 * the rest when the total is below {@code min_total}; {@code choose} follows {@code summary} or
 * {@code detailed} as the {@code format} param says; {@code publish} joins the branches with {@code
 * none_failed_min_one_success}. Try it with {@code java -jar samples/target/processflow-samples.jar
 * run report --param format=detailed}.
 */
@Dag(
    id = "report",
    description = "Params, retries, a short circuit, a branch and a join",
    params = {
      @Param(
          name = "format",
          value = "summary",
          enums = {"summary", "detailed"},
          description = "Which branch to follow"),
      @Param(name = "region", value = "eu", description = "Shown in the report"),
      @Param(
          name = "min_total",
          value = "0",
          type = ParamType.INTEGER,
          minimum = 0,
          description = "Below this total, the report is skipped")
    },
    retries = 2,
    retryDelay = "50ms")
public class ReportDag {
  private static final Logger log = LoggerFactory.getLogger(ReportDag.class);

  @Task(executionTimeout = "30s")
  List<Integer> fetch(TaskContext context) {
    if (context.tryNumber() == 1) {
      throw new IllegalStateException("the source is not ready yet; a retry will find it");
    }
    return List.of(120, 80, 300);
  }

  /** Skips everything downstream when the orders do not add up to {@code min_total}. */
  @Task
  @ShortCircuit
  boolean enough(@From("fetch") List<Integer> amounts, TaskContext context) {
    return total(amounts) >= (Long) context.params().get("min_total");
  }

  /** Follows the task named by the {@code format} param. */
  @Task(retries = 0)
  @Branch
  String choose(@From("enough") boolean enough, TaskContext context) {
    return "detailed".equals(context.params().get("format")) ? "detailed" : "summary";
  }

  @Task
  String summary(
      @From("choose") String chosen, @From("fetch") List<Integer> amounts, TaskContext context) {
    return context.params().get("region")
        + ": "
        + amounts.size()
        + " orders, "
        + total(amounts)
        + " total";
  }

  @Task
  String detailed(
      @From("choose") String chosen, @From("fetch") List<Integer> amounts, TaskContext context) {
    return context.params().get("region")
        + ": orders "
        + amounts
        + ", "
        + total(amounts)
        + " total";
  }

  /** Runs after whichever branch ran: the other one is skipped, which this rule accepts. */
  @Task(triggerRule = TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS)
  String publish(@From("summary") String summary, @From("detailed") String detailed) {
    String report = summary != null ? summary : detailed;
    log.info("publishing {}", report);
    return report;
  }

  private static int total(List<Integer> amounts) {
    return amounts.stream().mapToInt(Integer::intValue).sum();
  }
}

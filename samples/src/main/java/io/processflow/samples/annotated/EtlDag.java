package io.processflow.samples.annotated;

import io.processflow.api.Dag;
import io.processflow.api.From;
import io.processflow.api.Task;
import io.processflow.api.TaskContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ETL with typed data flow: {@code extract} feeds two transforms that run in parallel, and
 * {@code load} receives both outputs through {@link From}. The processor checks every type at
 * compile time; {@code transform_b} is asynchronous and holds no thread while it runs.
 */
@Dag(
    id = "etl",
    description = "Extract, two transforms in parallel, load; typed outputs with @From")
public class EtlDag {
  private static final Logger log = LoggerFactory.getLogger(EtlDag.class);

  /** One extracted row. */
  public record Order(String id, String customer, int amountCents) {}

  @Task
  List<Order> extract(TaskContext context) {
    log.info("extracting orders for {}", context.logicalDate());
    return List.of(
        new Order("o-1", "ada", 1250),
        new Order("o-2", "grace", 9900),
        new Order("o-3", "ada", 4300),
        new Order("o-4", "linus", 15000));
  }

  /** Totals per customer. */
  @Task(id = "transform_a")
  Map<String, Integer> totalsByCustomer(@From("extract") List<Order> orders) {
    Map<String, Integer> totals = new TreeMap<>();
    for (Order order : orders) {
      totals.merge(order.customer(), order.amountCents(), Integer::sum);
    }
    return totals;
  }

  /** How many orders are large, computed asynchronously. */
  @Task(id = "transform_b")
  CompletionStage<Long> largeOrders(@From("extract") List<Order> orders) {
    return CompletableFuture.supplyAsync(
        () -> orders.stream().filter(order -> order.amountCents() >= 5000).count());
  }

  @Task
  String load(
      @From("transform_a") Map<String, Integer> totals, @From("transform_b") long largeOrders) {
    String summary =
        totals.size() + " customers, " + largeOrders + " large orders, totals " + totals;
    log.info("loading: {}", summary);
    return summary;
  }
}

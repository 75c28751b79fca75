package io.processflow.samples.crash;

import io.processflow.api.Dag;
import io.processflow.api.From;
import io.processflow.api.Param;
import io.processflow.api.Task;
import io.processflow.api.TaskContext;
import io.processflow.runtime.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The DAG the crash tests kill: slow tasks with typed outputs that differ on every run (each
 * carries a random nonce), so a test can tell a kept output from a recomputed one. Every task
 * appends {@code started <task>} and, per input, {@code consumed <task> <upstream> <input as JSON>}
 * to the side file named by the {@code sideFile} param, forced to disk, before it works.
 *
 * <pre>
 * extract -> [totals, large, summary] -> load -> [report_1, report_2, report_3] -> done
 * </pre>
 */
@Dag(
    id = "crash_dag",
    description = "Slow typed tasks for the kill -9 and resume tests",
    maxActiveTasks = 2,
    params = @Param(name = "sideFile"))
public class CrashDag {
  public record Order(String id, String customer, int cents) {}

  public record Summary(String nonce, List<Order> largest, long totalCents) {}

  @Task
  List<Order> extract(TaskContext ctx) {
    work(ctx);
    String nonce = nonce();
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      orders.add(
          new Order(
              nonce + "-" + i,
              i % 2 == 0 ? "ada" : "grace",
              1000 * (i + 1) + ThreadLocalRandom.current().nextInt(1000)));
    }
    return orders;
  }

  @Task
  Map<String, Integer> totals(@From("extract") List<Order> orders, TaskContext ctx) {
    work(ctx, "extract", orders);
    Map<String, Integer> totals = new TreeMap<>();
    for (Order order : orders) {
      totals.merge(order.customer() + "-" + order.id(), order.cents(), Integer::sum);
    }
    return totals;
  }

  @Task
  long large(@From("extract") List<Order> orders, TaskContext ctx) {
    work(ctx, "extract", orders);
    return orders.stream().filter(order -> order.cents() > 2000).count() * 1_000_000_000_000L
        + ThreadLocalRandom.current().nextInt(1_000_000);
  }

  @Task
  Summary summary(@From("extract") List<Order> orders, TaskContext ctx) {
    work(ctx, "extract", orders);
    long total = 0;
    for (Order order : orders) {
      total += order.cents();
    }
    return new Summary(nonce(), List.of(orders.get(orders.size() - 1)), total);
  }

  @Task
  String load(
      @From("totals") Map<String, Integer> totals,
      @From("large") long large,
      @From("summary") Summary summary,
      TaskContext ctx) {
    work(ctx, "totals", totals, "large", large, "summary", summary);
    return nonce()
        + " "
        + totals.size()
        + " "
        + large
        + " "
        + summary.largest().get(0).customer()
        + " "
        + summary.totalCents();
  }

  @Task(id = "report_1")
  String report1(@From("load") String load, TaskContext ctx) {
    return report(ctx, load);
  }

  @Task(id = "report_2")
  String report2(@From("load") String load, TaskContext ctx) {
    return report(ctx, load);
  }

  @Task(id = "report_3")
  String report3(@From("load") String load, TaskContext ctx) {
    return report(ctx, load);
  }

  @Task
  List<String> done(
      @From("report_1") String r1,
      @From("report_2") String r2,
      @From("report_3") String r3,
      TaskContext ctx) {
    work(ctx, "report_1", r1, "report_2", r2, "report_3", r3);
    return List.of(r1, r2, r3, nonce());
  }

  private static String report(TaskContext ctx, String load) {
    work(ctx, "load", load);
    return ctx.taskId() + " " + nonce() + " of " + load;
  }

  private static String nonce() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Records the start and the inputs, then sleeps 30 to 80 ms. */
  private static void work(TaskContext ctx, Object... inputs) {
    StringBuilder lines = new StringBuilder("started " + ctx.taskId() + "\n");
    for (int i = 0; i < inputs.length; i += 2) {
      lines
          .append("consumed ")
          .append(ctx.taskId())
          .append(' ')
          .append(inputs[i])
          .append(' ')
          .append(Json.write(inputs[i + 1]))
          .append('\n');
    }
    append(Path.of((String) ctx.params().get("sideFile")), lines.toString());
    try {
      Thread.sleep(30 + ThreadLocalRandom.current().nextInt(50));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static synchronized void append(Path file, String text) {
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

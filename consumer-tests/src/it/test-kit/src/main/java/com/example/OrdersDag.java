package com.example;

import io.processflow.api.Dag;
import io.processflow.api.From;
import io.processflow.api.Task;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A user's DAG: records and maps pass downstream, and the CLI journals them with Jackson. */
@Dag(id = "orders")
public class OrdersDag {
  public record Order(String customer, long cents) {}

  @Task
  List<Order> extract() {
    return List.of(new Order("ada", 1200), new Order("grace", 800), new Order("ada", 300));
  }

  @Task
  Map<String, Long> totals(@From("extract") List<Order> orders) {
    return orders.stream().collect(Collectors.groupingBy(Order::customer, Collectors.summingLong(Order::cents)));
  }

  @Task
  String load(@From("totals") Map<String, Long> totals) {
    return "loaded " + totals.size() + " customers";
  }
}

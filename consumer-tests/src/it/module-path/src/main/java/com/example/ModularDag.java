package com.example;

import io.processflow.api.Dag;
import io.processflow.api.DependsOn;
import io.processflow.api.From;
import io.processflow.api.Operator;
import io.processflow.api.Param;
import io.processflow.api.Task;
import io.processflow.api.TaskContext;
import io.processflow.runtime.operators.BashOperator;
import java.util.List;

/** Templates (Jinjava), a journaled record (Jackson) and the command line (picocli) in a module. */
@Dag(id = "modular", params = @Param(name = "table", value = "orders"))
public class ModularDag {
  public record Order(String customer, long cents) {}

  @Task
  List<Order> extract() {
    return List.of(new Order("ada", 1200), new Order("grace", 800));
  }

  @Task
  String sql(@From("extract") List<Order> orders, TaskContext context) {
    return context.render("insert {{ params.table }} " + orders.size() + " -- {{ ds }}");
  }

  @Task
  @DependsOn("sql")
  static Operator echo() {
    return new BashOperator("echo \"echoed: {{ ti.xcom_pull(task_ids='sql') }}\"");
  }
}

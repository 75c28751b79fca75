package ${package};

import io.processflow.api.Dag;
import io.processflow.api.From;
import io.processflow.api.Param;
import io.processflow.api.Task;
import io.processflow.api.TaskContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A first DAG: {@code extract >> count >> report}. The annotation processor checks it when it
 * compiles and generates {@code ProcessFlowHelloDag}; run it with
 * {@code java -jar target/app.jar run hello [--param greeting=Hi]}.
 */
@Dag(id = "hello", description = "extract >> count >> report",
     params = {@Param(name = "greeting", value = "Hello")})
public class HelloDag {
  private static final Logger log = LoggerFactory.getLogger(HelloDag.class);

  @Task
  List<String> extract() {
    return List.of("ada", "grace", "linus");
  }

  @Task
  int count(@From("extract") List<String> names) {
    return names.size();
  }

  @Task
  String report(TaskContext context, @From("count") int count) {
    String line = context.render("{{ params.greeting }} from {{ dag.dag_id }} on {{ ds }}: ") + count + " names";
    log.info(line);
    return line;
  }
}

package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagProvider;
import java.util.List;

/**
 * Commands that a module outside the runtime adds to the launcher (the web UI, the database mode),
 * found through {@link java.util.ServiceLoader}: a module that is on the classpath brings its
 * commands, one that is not costs nothing.
 *
 * <p>Register an implementation in {@code
 * META-INF/services/io.processflow.runtime.cli.LauncherExtension} (or with
 * {@code @AutoService(LauncherExtension.class)}).
 */
public interface LauncherExtension {
  /**
   * The subcommands to add: picocli {@code @Command} objects whose names do not clash with the
   * launcher's own. {@code dags} are the DAGs on the classpath, sorted by id.
   */
  List<Object> commands(List<DagProvider> dags);
}

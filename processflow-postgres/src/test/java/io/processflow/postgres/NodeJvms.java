package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVMs of a kill test (see ChildJvm), by node name; closing kills those still alive (SIGKILL)
 * and waits for them.
 */
final class NodeJvms implements AutoCloseable {
  private final Path home;
  private final List<ChildJvm> started = new ArrayList<>();

  /** The last JVM started under each name. */
  private final Map<String, ChildJvm> byName = new HashMap<>();

  NodeJvms(Path home) {
    this.home = home;
  }

  /** Starts {@code main} with {@code args} as node {@code name}, in the test's home. */
  Process start(String name, Class<?> main, String... args) throws IOException {
    ChildJvm jvm = ChildJvm.start(home, name, main, List.of(args));
    started.add(jvm);
    byName.put(name, jvm);
    return jvm.process();
  }

  /** What node {@code name} has printed so far ("" before it started). */
  String output(String name) throws IOException {
    ChildJvm jvm = byName.get(name);
    return jvm == null ? "" : jvm.output();
  }

  /** Waits up to a minute for node {@code name} to print {@code text}. */
  void awaitOutput(String name, String text) throws Exception {
    assertThat(byName.get(name).awaitOutput(text))
        .as("%s never printed '%s':%n%s", name, text, output(name))
        .isTrue();
  }

  @Override
  public void close() throws InterruptedException {
    for (ChildJvm jvm : started) {
      jvm.process().destroyForcibly();
    }
    for (ChildJvm jvm : started) {
      jvm.kill();
    }
  }
}

package io.processflow.runtime.operators;

import io.processflow.api.TaskContext;
import io.processflow.api.TypedOperator;
import io.processflow.runtime.logs.TaskLog;
import io.processflow.runtime.template.TemplateEngine;
import io.processflow.runtime.time.RunTimer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Airflow's {@code BashOperator}: runs {@code bash -c <command>}.
 *
 * <ul>
 *   <li>Templated fields: {@code bash_command} (a command ending in {@code .sh} or {@code .bash} is
 *       a template file), {@code env} and {@code cwd}.
 *   <li>Values in a command are not quoted for you. Quote anything that comes from params or
 *       upstream tasks with the {@code shell_quote} filter, so that it stays one word and is never
 *       run as shell code: {@code echo {{ params.name | shell_quote }}}.
 *   <li>{@code env} replaces the inherited environment unless {@link #appendEnv(boolean)} is set
 *       (Airflow's {@code append_env}); without {@code env} the JVM's environment is inherited.
 *   <li>The output, a {@code String} (see {@link TypedOperator}), is the last line of stdout
 *       ({@code ""} when there is none). A non-zero exit fails the task with a {@link
 *       BashCommandException} holding the code and the last lines of stderr. Both streams go to
 *       temporary files, so the process never blocks on a full pipe; they are logged when it ends.
 *   <li>The task holds no thread while the command runs. The command runs in a process group of its
 *       own: cancelling the task's future (which the task's {@code executionTimeout} does, as for
 *       any task), or the JVM ending (even by {@code kill -9}) stops the whole group, children
 *       re-parented to init included (SIGTERM, then SIGKILL 5 s later); what the command wrote
 *       until then is logged as well, and a timeout's {@code TimeoutException} holds the last lines
 *       of stderr written before it. As in Airflow, what a command leaves running in its group when
 *       it exits is killed.
 * </ul>
 */
public final class BashOperator extends BaseOperator implements TypedOperator<String> {
  private static final Logger log = LoggerFactory.getLogger(BashOperator.class);
  private static final int STDERR_TAIL_LINES = 20;
  private static final Duration STOP_FALLBACK = Duration.ofSeconds(10);

  /**
   * Runs {@code bash -c "$1"} as Airflow's {@code SubprocessHook} does in a process group of its
   * own ({@code set -m}: a background job leads a new group), and supervises it:
   *
   * <ul>
   *   <li>when the command exits, whatever it left running in its group (a {@code sleep &}) is
   *       killed, and the supervisor exits with the command's status;
   *   <li>when its stdin, a pipe from the JVM, closes (a timeout or cancel closes it; the kernel
   *       closes it when the JVM dies, even on {@code kill -9}), the group gets SIGTERM, and
   *       SIGKILL when it is still there 5 s later; children re-parented to init are in the group
   *       and go with it.
   * </ul>
   *
   * The command's stderr is the task's; the supervisor's own goes to {@code /dev/null} before the
   * command starts, so that bash's job notices ({@code [1]+ Done ...}) never reach the task's log,
   * even when the command ends before the supervisor's next line runs. The supervisor ignores INT,
   * QUIT, TERM and HUP once the command started (a Ctrl-C reaches the JVM, which cancels the run,
   * instead of killing the supervisor and orphaning the group). A command that makes a group or
   * session of its own ({@code setsid}, {@code set -m}) leaves the supervisor's reach, as it leaves
   * Airflow's.
   */
  private static final String SUPERVISOR =
      String.join(
          "\n",
          "exec 3<&0 </dev/null 4>&2 2>/dev/null",
          "set -m",
          "bash -c \"$1\" 2>&4 4>&- &",
          "cmd=$!",
          "set +m",
          "exec 4>&-",
          "trap '' INT QUIT TERM HUP",
          "{ read -r _ <&3",
          "  kill -TERM -- -\"$cmd\" 2>/dev/null",
          "  i=0; while [ $i -lt 50 ] && kill -0 -- -\"$cmd\" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done",
          "  kill -KILL -- -\"$cmd\" 2>/dev/null; kill -KILL $$; } &",
          "watchdog=$!",
          "disown \"$watchdog\"",
          "exec 3<&-",
          "wait \"$cmd\"; status=$?",
          "kill -KILL -- -\"$cmd\" 2>/dev/null",
          "kill -KILL \"$watchdog\" 2>/dev/null",
          "exit \"$status\"");

  private final String bashCommand;
  private Map<String, String> env;
  private boolean appendEnv;
  private String cwd;

  public BashOperator(String bashCommand) {
    if (bashCommand == null || bashCommand.isBlank()) {
      throw new IllegalArgumentException(
          "BashOperator needs a command, such as \"echo {{ ds }}\" or \"scripts/load.sh\"");
    }
    this.bashCommand = bashCommand;
  }

  /** The command's environment (templated values); replaces the JVM's unless {@link #appendEnv}. */
  public BashOperator env(Map<String, String> env) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    return this;
  }

  /** Adds {@link #env} to the JVM's environment instead of replacing it. */
  public BashOperator appendEnv(boolean append) {
    this.appendEnv = append;
    return this;
  }

  /** The working directory (templated); it must exist. Default: the JVM's working directory. */
  public BashOperator cwd(String cwd) {
    this.cwd = Objects.requireNonNull(cwd, "cwd");
    return this;
  }

  @Override
  public BashOperator templateEngine(TemplateEngine engine) {
    super.templateEngine(engine);
    return this;
  }

  @Override
  protected Map<String, ?> templateFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("bash_command", bashCommand);
    fields.put("env", env);
    fields.put("cwd", cwd);
    return fields;
  }

  @Override
  protected Set<String> templateExtensions() {
    return Set.of(".sh", ".bash");
  }

  @Override
  protected CompletableFuture<String> execute(TaskContext context, RenderedFields fields)
      throws IOException {
    String command = fields.string("bash_command");
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException(
          "The bash_command of task '" + context.taskId() + "' rendered to an empty command");
    }
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", SUPERVISOR, "bash", command);
    if (fields.get("env") != null) {
      if (!appendEnv) {
        builder.environment().clear();
      }
      fields
          .map("env")
          .forEach((k, v) -> builder.environment().put(k, v == null ? "" : v.toString()));
    }
    String dir = fields.string("cwd");
    if (dir != null) {
      File directory = new File(dir);
      if (!directory.isDirectory()) {
        throw new IllegalArgumentException(
            "The cwd of task '" + context.taskId() + "' is not a directory: '" + dir + "'");
      }
      builder.directory(directory);
    }
    Path stdout = Files.createTempFile("processflow-bash-", ".out");
    Path stderr = Files.createTempFile("processflow-bash-", ".err");
    // stdin stays a pipe from the JVM, never written: the supervisor's lifeline (see SUPERVISOR).
    builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    // The task's executionTimeout is the run's: when it fires, its error ends with what the
    // command wrote to stderr until then, and it cancels the future, which stops the command.
    // Said before the command starts, so that a timeout at any moment after finds it.
    RunTimer.onTimeout(context, () -> stderrSoFar(stderr));
    Logger taskLog = TaskLog.of(context, log); // the console's lines, also in the try's log
    taskLog.info("task {}: running bash command: {}", context.taskId(), command);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      deleteQuietly(stdout, stderr);
      throw e;
    }
    return watch(taskLog, context.taskId(), process, stdout, stderr);
  }

  /**
   * The last lines of stderr that a running command wrote so far, for a timeout's error; nothing
   * when it wrote none, or when it has ended meanwhile (its files are gone, and its try ended too).
   */
  private static String stderrSoFar(Path stderr) {
    try (BufferedReader err = lenientReader(stderr)) {
      List<String> tail = lastLines(err, line -> {});
      return tail.isEmpty() ? "" : BashCommandException.stderrLines(tail);
    } catch (IOException e) {
      return "";
    }
  }

  private CompletableFuture<String> watch(
      Logger taskLog, String taskId, Process process, Path stdout, Path stderr) {
    CompletableFuture<String> result = new CompletableFuture<>();
    // Cancelling the task's future (a cancel, or the run's executionTimeout) kills the command's
    // process group.
    result.whenComplete(
        (value, error) -> {
          if (process.isAlive()) {
            stop(process);
          }
        });
    process
        .onExit()
        .whenComplete(
            (exited, error) -> {
              try {
                CommandOutput output = CommandOutput.read(taskLog, taskId, stdout, stderr);
                if (result.isDone()) {
                  taskLog.warn(
                      "task {}: bash command was cancelled and killed{}",
                      taskId,
                      describe(output.stderrTail()));
                } else if (process.exitValue() == 0) {
                  result.complete(output.lastLine());
                } else {
                  result.completeExceptionally(
                      new BashCommandException(taskId, process.exitValue(), output.stderrTail()));
                }
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              } finally {
                closeQuietly(process);
                deleteQuietly(stdout, stderr);
              }
            });
    return result;
  }

  /** {@code "; last lines of stderr:"} and the lines, or nothing when there are none. */
  private static String describe(List<String> stderrTail) {
    return stderrTail.isEmpty() ? "" : "; " + BashCommandException.stderrLines(stderrTail);
  }

  /**
   * The last {@link #STDERR_TAIL_LINES} lines of {@code err}, each line also given to {@code each}.
   */
  private static List<String> lastLines(BufferedReader err, Consumer<String> each)
      throws IOException {
    Deque<String> tail = new ArrayDeque<>();
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      each.accept(line);
      tail.addLast(line);
      if (tail.size() > STDERR_TAIL_LINES) {
        tail.removeFirst();
      }
    }
    return List.copyOf(tail);
  }

  /**
   * A reader that replaces bytes that are not UTF-8 (Files.newBufferedReader would fail on them): a
   * command printing Latin-1 or binary output still succeeds.
   */
  private static BufferedReader lenientReader(Path file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
  }

  /** What a command wrote: every line is logged as it is read (stdout at INFO, stderr at WARN). */
  private record CommandOutput(String lastLine, List<String> stderrTail) {
    static CommandOutput read(Logger taskLog, String taskId, Path stdout, Path stderr) {
      String lastLine = "";
      try (BufferedReader out = lenientReader(stdout);
          BufferedReader err = lenientReader(stderr)) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          taskLog.info("[{}] {}", taskId, line);
          lastLine = line.stripTrailing();
        }
        return new CommandOutput(
            lastLine, lastLines(err, line -> taskLog.warn("[{}] {}", taskId, line)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the output of task '" + taskId + "'", e);
      }
    }
  }

  /**
   * Stops a command: closing the supervisor's stdin makes it stop the command's process group
   * (SIGTERM, then SIGKILL after {@code 5 s}). Should the supervisor be gone, the process tree
   * still visible is killed after {@link #STOP_FALLBACK}.
   */
  private static void stop(Process process) {
    closeQuietly(process);
    CompletableFuture.delayedExecutor(STOP_FALLBACK.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (process.isAlive()) {
                log.warn(
                    "bash supervisor {} did not stop its command; killing the process tree",
                    process.pid());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
              }
            });
  }

  private static void closeQuietly(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      log.debug("cannot close the stdin of bash supervisor {}", process.pid(), e);
    }
  }

  private static void deleteQuietly(Path... files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.debug("cannot delete {}", file, e);
      }
    }
  }

  @Override
  public String toString() {
    return "BashOperator[" + bashCommand + "]";
  }
}

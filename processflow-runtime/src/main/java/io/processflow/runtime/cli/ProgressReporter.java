package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.Status;

/**
 * Shows a command-line run's progress on standard error, fed by {@link RunProgress} from the run's
 * store: on a terminal, a status line at the bottom ({@code 120/206 done, 4 running, 1 failed, 0:06
 * elapsed}) redrawn in place while other output scrolls above it; elsewhere a plain line every
 * interval, so that a short run prints none. Retries and failures are printed as lines in both.
 *
 * <p>The status line is JLine's {@link Status} (a scroll region that keeps the last line for
 * itself), on a terminal built without native signal handlers, so that Ctrl-C still reaches the
 * JVM's own handler and the CLI's shutdown hook.
 */
final class ProgressReporter implements AutoCloseable {
  /** How often the status line is redrawn. */
  static final Duration REDRAW = Duration.ofMillis(250);

  /** Where progress goes; chosen by {@code --progress}. */
  enum Mode {
    /** A live status line when standard input and output are a terminal, else lines. */
    AUTO,
    /** A live status line (lines when the terminal cannot keep one). */
    LIVE,
    /** A plain line every interval, and a line per retry and failure. */
    LINES,
    /** Only the lines of retries and failures. */
    EVENTS,
    /** Nothing until the summary. */
    NONE
  }

  private final RunProgress progress;
  private final Output output;
  private final Duration interval;
  private final LongSupplier nanoTime;
  private final long start;
  private long lastLine;
  private ScheduledExecutorService ticker;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ProgressReporter(
      DagDefinition dag, Output output, Duration interval, LongSupplier nanoTime) {
    this.output = output;
    this.interval = interval;
    this.nanoTime = nanoTime;
    this.progress = new RunProgress(dag, output::event);
    this.start = nanoTime.getAsLong();
    this.lastLine = start;
  }

  /**
   * A reporter that prints plain lines to {@code err} when {@link #tick()} is called; for tests.
   */
  static ProgressReporter lines(
      DagDefinition dag, PrintWriter err, Duration interval, LongSupplier nanoTime) {
    return new ProgressReporter(dag, new Lines(err, false), interval, nanoTime);
  }

  /** Starts reporting in {@code mode}, ticking on a daemon thread until {@link #close()}. */
  static ProgressReporter start(DagDefinition dag, Mode mode, Duration interval, PrintWriter err) {
    Output output = null;
    if (mode == Mode.LIVE || (mode == Mode.AUTO && System.console() != null)) {
      output = Live.open();
    }
    if (output == null) {
      output = mode == Mode.NONE ? new Silent() : new Lines(err, mode == Mode.EVENTS);
    }
    ProgressReporter reporter = new ProgressReporter(dag, output, interval, System::nanoTime);
    if (output.ticks()) {
      Duration every = output instanceof Live ? REDRAW : interval;
      reporter.ticker =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "processflow-progress");
                thread.setDaemon(true);
                return thread;
              });
      reporter.ticker.scheduleAtFixedRate(
          reporter::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
    return reporter;
  }

  /** The middleware that feeds this reporter; add it to the run's config. */
  RunProgress progress() {
    return progress;
  }

  /**
   * Shows the counts of now: redraws the status line, or prints a line when an interval has passed.
   */
  void tick() {
    long now = nanoTime.getAsLong();
    Duration elapsed = Duration.ofNanos(now - start);
    if (output instanceof Live) {
      output.status(progress.snapshot().line(elapsed));
    } else if (now - lastLine >= interval.toNanos()) {
      lastLine = now;
      output.status(progress.snapshot().line(elapsed));
    }
  }

  /** Stops ticking and removes the status line, so that the summary prints below the output. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // the main thread and the shutdown hook may both close it
    }
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    output.close();
  }

  /** Where the reporter writes. */
  private interface Output extends AutoCloseable {
    /** Whether {@link #status} is ever called: a ticker is needed. */
    boolean ticks();

    void status(String line);

    void event(String line);

    @Override
    void close();
  }

  /** Nothing at all. */
  private static final class Silent implements Output {
    @Override
    public boolean ticks() {
      return false;
    }

    @Override
    public void status(String line) {}

    @Override
    public void event(String line) {}

    @Override
    public void close() {}
  }

  /** Plain lines, for a pipe, a file or CI's log. */
  private static final class Lines implements Output {
    private final PrintWriter err;
    private final boolean eventsOnly;

    Lines(PrintWriter err, boolean eventsOnly) {
      this.err = err;
      this.eventsOnly = eventsOnly;
    }

    @Override
    public boolean ticks() {
      return !eventsOnly;
    }

    @Override
    public synchronized void status(String line) {
      err.println("[progress] " + line);
      err.flush();
    }

    @Override
    public synchronized void event(String line) {
      err.println(line);
      err.flush();
    }

    @Override
    public void close() {
      err.flush();
    }
  }

  /** A status line at the bottom of the terminal, JLine's. */
  private static final class Live implements Output {
    private final Terminal terminal;
    private final Status status;

    private Live(Terminal terminal, Status status) {
      this.terminal = terminal;
      this.status = status;
    }

    /** A live status line on standard error's terminal, or null when it cannot keep one. */
    static Live open() {
      Terminal terminal;
      try {
        terminal =
            TerminalBuilder.builder()
                .system(true)
                .systemOutput(TerminalBuilder.SystemOutput.SysErr)
                .nativeSignals(false) // leave SIGINT/SIGTERM to the JVM and the CLI's hook
                .dumb(true) // no warning when there is no terminal: we fall back to lines
                .build();
      } catch (IOException | RuntimeException e) {
        return null;
      }
      if (terminal.getType().startsWith(Terminal.TYPE_DUMB)
          || terminal.getStringCapability(Capability.change_scroll_region) == null) {
        closeQuietly(terminal);
        return null;
      }
      return new Live(terminal, Status.getStatus(terminal));
    }

    @Override
    public boolean ticks() {
      return true;
    }

    @Override
    public synchronized void status(String line) {
      int width = Math.max(10, terminal.getWidth());
      String fitted = line.length() < width ? line : line.substring(0, width - 1);
      status.update(List.of(new AttributedString(fitted)));
    }

    @Override
    public synchronized void event(String line) {
      terminal.writer().println(line);
      terminal.writer().flush();
      status.redraw();
    }

    @Override
    public synchronized void close() {
      status.update(List.of());
      status.close();
      terminal.writer().flush();
      closeQuietly(terminal);
    }

    private static void closeQuietly(Terminal terminal) {
      try {
        terminal.close();
      } catch (IOException e) {
        // Nothing to restore: the terminal was only written to.
      }
    }
  }
}

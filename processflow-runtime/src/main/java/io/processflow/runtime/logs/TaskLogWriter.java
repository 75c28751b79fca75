package io.processflow.runtime.logs;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's task logs on a thread of its own, in the order their lines were given, so that no
 * file is created or written while the run's engine holds its lock (a transition's lines are given
 * under it) or while a task waits: creating a directory and a file per try costs far more than a
 * transition (JournalBench). The queue is bounded, so a task that logs faster than the disk takes
 * waits for it instead of filling the heap. Started at the first line; {@link #close} writes what
 * is queued and stops it, after which lines are written by whoever gives them.
 */
final class TaskLogWriter {
  private static final Logger log = LoggerFactory.getLogger(TaskLogWriter.class);
  private static final int CAPACITY = 4096;

  /** One file's lines, or its end when {@code text} is null. */
  private record Entry(TryLogTarget target, String text) {}

  private static final Entry STOP = new Entry(null, null);

  private final String name;
  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
  private Thread thread;
  private boolean closed;

  TaskLogWriter(String name) {
    this.name = name;
  }

  /** Queues {@code text} for {@code target}, or its end when {@code text} is null. */
  void submit(TryLogTarget target, String text) {
    synchronized (this) {
      if (!closed) {
        if (thread == null) {
          thread = new Thread(this::drain, name);
          thread.setDaemon(true);
          thread.start();
        }
        put(new Entry(target, text));
        return;
      }
    }
    apply(new Entry(target, text));
  }

  /** Writes everything queued, then stops the thread; later lines are written at once. */
  void close() {
    Thread running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = thread;
      if (running != null) {
        put(STOP);
      }
    }
    if (running != null) {
      boolean interrupted = false;
      while (running.isAlive()) {
        try {
          running.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Puts an entry, waiting for room; an interrupt while waiting is kept for the caller. */
  private void put(Entry entry) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(entry);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    while (true) {
      Entry entry;
      try {
        entry = queue.take();
      } catch (InterruptedException e) {
        continue; // only close() stops it, once everything queued is written
      }
      if (entry == STOP) {
        return;
      }
      try {
        apply(entry);
      } catch (RuntimeException e) {
        log.warn("cannot write a task log line", e);
      }
    }
  }

  private static void apply(Entry entry) {
    if (entry.text() == null) {
      entry.target().end();
    } else {
      entry.target().write(entry.text());
    }
  }
}

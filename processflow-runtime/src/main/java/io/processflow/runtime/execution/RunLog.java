package io.processflow.runtime.execution;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run logs, and when: never under the run's lock, where every other thread would wait for
 * the appender (RuntimeBench's logging line), except the rare lines of failures and stops. The
 * logger keeps RunExecution's name, which users' logging configurations refer to.
 */
final class RunLog {
  static final Logger log = LoggerFactory.getLogger(RunExecution.class);

  private RunLog() {}

  /**
   * The ids of the tries a section handed out, from {@code first} to {@code last} ({@link
   * TaskLinks#END}: to the list's end), read before any of them is launched (the list's links are
   * reused once a task ended), or null when INFO is off.
   */
  static String[] queuedIds(List<String> taskIds, TaskLinks links, int first, int last) {
    if (first == TaskLinks.END || !log.isInfoEnabled()) {
      return null;
    }
    if (first == last) {
      return new String[] {taskIds.get(first)}; // without reading the links (see CombinedSections)
    }
    String[] ids = new String[links.count(first)];
    int k = 0;
    for (int i = first; i != TaskLinks.END; i = links.next(i)) {
      ids[k++] = taskIds.get(i);
    }
    return ids;
  }

  /** After a section: the task it recorded a success (or null), then the tries it handed out. */
  static void afterSection(String processed, String[] queuedIds) {
    if (processed != null && log.isInfoEnabled()) {
      log.info("processed {}", processed);
    }
    if (queuedIds != null) {
      for (String id : queuedIds) {
        log.info("adding to the queue {}", id);
      }
    }
  }

  static void retrying(String taskId, int tryNumber, Duration delay, Throwable error) {
    log.warn("task {} failed on try {}, retrying in {}", taskId, tryNumber, delay, error);
  }

  static void notRetried(String taskId, boolean unfollowed, Object state) {
    log.info(
        "task {} waits to retry, but {}: {} instead",
        taskId,
        unfollowed
            ? "a branch or short circuit above it skipped it while it ran"
            : "its trigger rule no longer lets it run",
        state);
  }

  static void failed(String taskId, boolean allowedToFail, Throwable error) {
    if (allowedToFail) {
      log.warn("task {} failed (allowed to fail)", taskId, error);
    } else {
      log.error("task {} failed", taskId, error);
    }
  }

  static void removed(String taskId, String runId, String dagId) {
    log.warn("task {} of run {} is no longer in dag {}: removed", taskId, runId, dagId);
  }

  static void cancelled(String dagId, String runId) {
    log.warn("dag {} run {} cancelled: stopping running tasks", dagId, runId);
  }

  static void finished(String dagId, String runId, Object state) {
    log.info("dag {} run {} finished: {}", dagId, runId, state);
  }

  static void aborted(String dagId, String runId, Throwable error) {
    RunTakenOverException taken = RunTakenOverException.in(error);
    if (taken != null) {
      log.warn("dag {} run {} stopped: {}", dagId, runId, taken.getMessage());
      return;
    }
    log.error(
        "dag {} run {} aborted: the runtime could not record a transition", dagId, runId, error);
  }

  /** What a run aborted by a store that rejected a transition completes its result with. */
  static IllegalStateException abortedError(String dagId, String runId, Throwable error) {
    return new IllegalStateException(
        "Run "
            + runId
            + " of DAG '"
            + dagId
            + "' aborted: the store rejected a transition ("
            + error
            + "). Check the DAG's reducer and the run's middleware.",
        error);
  }
}

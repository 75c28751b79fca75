package io.processflow.runtime.dsl;

import io.processflow.api.Operator;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.internal.template.AirflowDates;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/** One validated task of a {@link DagDefinition}, with its options decided. */
public final class TaskDefinition {
  private final int index;
  private final String taskId;
  private final Operator operator;
  private final TaskKind kind;
  private final TaskOptions.ResolvedOptions options;

  TaskDefinition(
      int index,
      String taskId,
      Operator operator,
      TaskKind kind,
      TaskOptions.ResolvedOptions options) {
    this.index = index;
    this.taskId = taskId;
    this.operator = operator;
    this.kind = kind;
    this.options = options;
  }

  /** Its position in the DAG's declaration order, from 0. */
  public int index() {
    return index;
  }

  public String taskId() {
    return taskId;
  }

  public Operator operator() {
    return operator;
  }

  public TaskKind kind() {
    return kind;
  }

  /**
   * The declared type of its output, generics included, or {@code null} when undeclared (a resume
   * then reads the output as JSON's own values); see {@link TaskHandle#outputType(Type)}.
   */
  public Type outputType() {
    return options.outputType();
  }

  /** True when its failure neither fails its downstream tasks nor the run. */
  public boolean allowToFail() {
    return options.allowToFail();
  }

  /**
   * False when a resume must run this task again even if it succeeded; its output is not journaled.
   */
  public boolean resumable() {
    return options.resumable();
  }

  public int retries() {
    return options.retries();
  }

  public Duration retryDelay() {
    return options.retryDelay();
  }

  public boolean retryExponentialBackoff() {
    return options.retryExponentialBackoff();
  }

  /** The longest retry delay, or {@code null} for no limit. */
  public Duration maxRetryDelay() {
    return options.maxRetryDelay();
  }

  /** The longest a try may run, or {@code null} for no limit. */
  public Duration executionTimeout() {
    return options.executionTimeout();
  }

  public TriggerRule triggerRule() {
    return options.triggerRule();
  }

  /**
   * The queue its tries go to when task bodies run on workers (Airflow's {@code queue}); {@code
   * default} unless the task or the DAG's default args name another.
   */
  public String queue() {
    return options.queue();
  }

  /**
   * The wait before the try after failed try {@code tryNumber} (from 1) of this task in the run of
   * DAG {@code dagId} at {@code logicalDate}, as Airflow 3's {@code
   * TaskInstance.next_retry_datetime} computes it: {@link #retryDelay()}; with exponential backoff,
   * {@code min = retryDelay * 2^(tryNumber - 1)} rounded up to whole seconds (at least 1), then
   * Airflow's deterministic jitter: {@code min + h % min} seconds, where {@code h} is the SHA-1 of
   * {@code "dag_id#task_id#logical_date#try_number"} read as an integer (the logical date as Python
   * prints a UTC datetime, {@code 2024-01-01 00:00:00+00:00}), so the same try of the same run
   * waits exactly as long as in Airflow; then at most 24 hours (Airflow's {@code [core]
   * max_task_retry_delay}) and at most {@link #maxRetryDelay()}, which (as in Airflow) bounds
   * backoff only.
   */
  public Duration retryDelayAfter(String dagId, Instant logicalDate, int tryNumber) {
    Duration delay = retryDelay();
    if (!retryExponentialBackoff()) {
      return delay;
    }
    // timedelta.total_seconds(): microseconds over 10^6, one correctly rounded division.
    double seconds =
        (delay.getSeconds() * 1_000_000L + delay.getNano() / 1000)
            / 1e6
            * Math.pow(2, tryNumber - 1);
    long backoff = MAX_RETRY_DELAY_SECONDS;
    if (seconds < MAX_RETRY_DELAY_SECONDS) {
      long min = Math.max(1, (long) Math.ceil(seconds));
      String key =
          dagId
              + "#"
              + taskId
              + "#"
              + (logicalDate == null ? "None" : AirflowDates.str(logicalDate))
              + "#"
              + tryNumber;
      long jitter = sha1(key).mod(BigInteger.valueOf(min)).longValue();
      backoff = Math.min(min + jitter, MAX_RETRY_DELAY_SECONDS);
    }
    Duration backedOff = Duration.ofSeconds(backoff);
    Duration max = maxRetryDelay();
    return max != null && backedOff.compareTo(max) > 0 ? max : backedOff;
  }

  private static BigInteger sha1(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return new BigInteger(1, digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  /** Airflow's default {@code [core] max_task_retry_delay}: 24 hours. */
  private static final long MAX_RETRY_DELAY_SECONDS = 24 * 60 * 60;

  @Override
  public String toString() {
    return "Task[" + taskId + "]";
  }
}

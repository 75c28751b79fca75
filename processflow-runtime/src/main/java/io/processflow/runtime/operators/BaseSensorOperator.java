package io.processflow.runtime.operators;

import io.processflow.api.TaskContext;
import io.processflow.runtime.time.RunTimer;
import io.processflow.runtime.time.TaskTimer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Airflow's {@code BaseSensorOperator}: pokes a condition every {@code pokeInterval} (default
 * 60 s) until it holds, or fails with a {@link SensorTimeoutException} after {@code timeout}
 * (default 7 days). Between pokes the task holds no thread (it waits on a {@link TaskTimer}), and
 * cancelling the task's future stops the pokes. Templated fields are rendered once per try.
 */
public abstract class BaseSensorOperator extends BaseOperator {
  private PollingPolicy policy = PollingPolicy.fixed(Duration.ofSeconds(60), Duration.ofDays(7));
  /** Null: the run's timer. */
  private TaskTimer timer;

  /** True when the condition holds. Called on a pool thread; it should return quickly. */
  protected abstract boolean poke(TaskContext context, RenderedFields fields) throws Exception;

  /** The task's output once the condition holds; {@code null} by default. */
  protected Object output(TaskContext context, RenderedFields fields) {
    return null;
  }

  /** What the sensor waits for, for the timeout message. */
  protected String describe(RenderedFields fields) {
    return getClass().getSimpleName() + " " + fields;
  }

  @Override
  protected final CompletableFuture<Object> execute(TaskContext context, RenderedFields fields) {
    return Polling.poll(
        () -> poke(context, fields) ? Polling.Check.done(output(context, fields)) : Polling.Check.notYet(),
        policy,
        timer != null ? timer : RunTimer.of(context),
        () -> new SensorTimeoutException(describe(fields), policy.timeout()));
  }

  /** How often to poke; must be positive. */
  public BaseSensorOperator pokeInterval(Duration interval) {
    this.policy = PollingPolicy.fixed(interval, policy.timeout());
    return this;
  }

  /** How long to keep poking before failing; must be positive. */
  public BaseSensorOperator timeout(Duration timeout) {
    this.policy = PollingPolicy.fixed(policy.minInterval(), timeout);
    return this;
  }

  /** The timer to wait on; by default the run's ({@code DagRunner.Builder.timer}), a test's manual clock included. */
  public BaseSensorOperator timer(TaskTimer timer) {
    this.timer = Objects.requireNonNull(timer, "timer");
    return this;
  }
}

package io.processflow.runtime.operators;

import io.processflow.api.TaskContext;
import io.processflow.runtime.time.RunTimer;
import io.processflow.runtime.time.TaskTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Airflow's {@code BaseSensorOperator}: pokes a condition every {@code pokeInterval} (default 60 s)
 * until it holds, or fails with a {@link SensorTimeoutException} after {@code timeout} (default 7
 * days). Between pokes the task holds no thread: it waits on the run's {@link TaskTimer} ({@code
 * DagRunner.Builder.timer}, a test's manual clock included; see {@link RunTimer}), and cancelling
 * the task's future stops the pokes. Templated fields are rendered once per try.
 *
 * <p>The sensor's {@code timeout} is Airflow's sensor timeout: how long to wait for the condition,
 * failing with a {@link SensorTimeoutException}. It is not the task's {@code executionTimeout},
 * which is the run's, as for every task.
 */
public abstract class BaseSensorOperator extends BaseOperator {
  private PollingPolicy policy = PollingPolicy.fixed(Duration.ofSeconds(60), Duration.ofDays(7));

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
        () ->
            poke(context, fields)
                ? Polling.Check.done(output(context, fields))
                : Polling.Check.notYet(),
        policy,
        RunTimer.of(context),
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
}

package io.processflow.runtime.execution;

/**
 * Where task bodies run: the seam between the run engine, which decides (readiness, trigger rules,
 * transitions, retries, timeouts, the run's end), and whatever executes a try's body. The engine
 * never knows which launcher it has; {@link DagRunner} uses a local thread pool unless {@link
 * DagRunner.Builder#launcher} gives another one (a remote worker queue, a test's own).
 *
 * <p>The contract, in the order of a try's life:
 *
 * <ol>
 *   <li>The engine records the try {@code queued} and calls {@link #launch} once per try, outside
 *       its lock, on whatever thread made the try startable (the run's starter, the thread that
 *       reported another try's outcome, the timer thread of a retry). {@code launch} must not block
 *       and must not run the body on the calling thread; it may be called concurrently. Throwing
 *       from {@code launch} (a rejected executor, a lost connection) fails the try as if its body
 *       had thrown: it is retried or fails.
 *   <li>When the body is about to begin, the launcher calls {@link TaskTry#start}. Only if it
 *       returns {@code true} may the body run: the engine has then recorded the try {@code running}
 *       and armed its {@code executionTimeout}. {@code false} means the try ended meanwhile
 *       (fail-fast, a cancel, the run aborted): drop it and report nothing.
 *   <li>The launcher reports the outcome once, from any thread: {@link TaskTry#succeeded} with the
 *       body's output, or {@link TaskTry#failed} with what it threw (unwrapped from {@code
 *       CompletionException}/{@code ExecutionException}). A launcher that could not start the try
 *       may call {@code failed} instead of {@code start}.
 *   <li>If the engine ends a started try first (its timeout, fail-fast, a cancel of the run), it
 *       calls the try's {@link TryCanceller}, and ignores the outcome reported afterwards.
 * </ol>
 *
 * <p>Try numbers count from 1 per task and go on across retries and resumes; a try's number is
 * fixed when it is launched ({@link TaskTry#tryNumber}), and every report carries it implicitly: a
 * report for a try that is no longer current is ignored (fencing). At most one try of a task is
 * launched at a time.
 */
public interface TaskLauncher {
  /** Hands one queued try over to be run; see the class comment for the contract. */
  void launch(TaskTry attempt);
}

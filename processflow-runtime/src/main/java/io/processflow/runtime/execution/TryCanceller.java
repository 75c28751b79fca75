package io.processflow.runtime.execution;

/** Stops a started try's body after the engine ended the try (see {@link TaskTry#start}). */
@FunctionalInterface
public interface TryCanceller {
  /**
   * Stops the body: interrupts its thread, cancels its future or tells its remote worker.
   *
   * @param timedOut true when the try ended at its execution timeout (its task failed or is retried
   *     at once, so a body that ignores the request may be given up); false when fail-fast or a
   *     cancel of the run ended it (the run waits for such bodies to return)
   */
  void cancel(boolean timedOut);
}

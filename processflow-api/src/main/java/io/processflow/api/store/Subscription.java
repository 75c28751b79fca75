package io.processflow.api.store;

/** Returned by {@link Store#subscribe}; unsubscribing more than once is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  void unsubscribe();

  /** Same as {@link #unsubscribe()}, for try-with-resources. */
  @Override
  default void close() {
    unsubscribe();
  }
}

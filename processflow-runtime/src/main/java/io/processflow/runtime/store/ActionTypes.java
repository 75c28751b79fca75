package io.processflow.runtime.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Redux's private action types: {@code @@redux/INIT} and {@code @@redux/REPLACE} with a random
 * suffix, so that no reducer handles them by name and every reducer returns its initial state.
 */
final class ActionTypes {
  /** Dispatched once when a store is created. */
  public static final String INIT = "@@redux/INIT" + randomSuffix();

  /** Dispatched when a reducer is replaced. */
  public static final String REPLACE = "@@redux/REPLACE" + randomSuffix();

  private ActionTypes() {}

  /**
   * A fresh unknown type, for probing that reducers return their state for actions they don't know.
   */
  static String probeUnknownAction() {
    return "@@redux/PROBE_UNKNOWN_ACTION" + randomSuffix();
  }

  private static String randomSuffix() {
    String digits = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    return "." + String.join(".", digits.substring(0, 4), digits.substring(4, 8));
  }
}

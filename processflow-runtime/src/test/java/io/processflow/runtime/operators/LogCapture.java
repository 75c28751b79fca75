package io.processflow.runtime.operators;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what one class logs at INFO and above while open (the tests' root logger is off). */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level level;
  private final boolean additive;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture(Class<?> type) {
    logger = (Logger) LoggerFactory.getLogger(type);
    level = logger.getLevel();
    additive = logger.isAdditive();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
  }

  /** Every line so far as {@code LEVEL message}. */
  public List<String> lines() {
    synchronized (appender) { // AppenderBase.doAppend holds the same lock
      return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
  }

  /**
   * Waits until a line equals {@code line}: the output of a killed command is logged when it exits.
   */
  public void await(String line) throws InterruptedException {
    for (int i = 0; i < 3000; i++) {
      if (lines().contains(line)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("never logged '" + line + "'; logged " + lines());
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(level);
    logger.setAdditive(additive);
  }
}

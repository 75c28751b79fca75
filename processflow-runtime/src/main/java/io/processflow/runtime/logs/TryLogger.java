package io.processflow.runtime.logs;

import io.processflow.runtime.time.TaskTimer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * See {@link TaskLog}: writes each call to a try's log file and hands it, unchanged, to the
 * delegate logger of the application's backend.
 */
final class TryLogger extends AbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient Logger delegate;
  private final transient Consumer<String> file;
  private final transient TaskTimer timer;
  private final String source;

  TryLogger(Logger delegate, Consumer<String> file, TaskTimer timer, String source) {
    this.name = delegate.getName();
    this.delegate = delegate;
    this.file = file;
    this.timer = timer;
    this.source = source;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return TryLogger.class.getName();
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    FormattingTuple message = MessageFormatter.arrayFormat(pattern, arguments, throwable);
    Throwable error = throwable != null ? throwable : message.getThrowable();
    if (level.toInt() >= Level.INFO.toInt() || delegate.isEnabledForLevel(level)) {
      String text = message.getMessage() == null ? "null" : message.getMessage();
      file.accept(LogLines.entry(timer.now(), level, source, text, LogLines.trace(error)));
    }
    if (delegate.isEnabledForLevel(level)) {
      Object[] args = arguments == null ? new Object[0] : arguments;
      if (throwable != null) {
        args = Arrays.copyOf(args, args.length + 1);
        args[args.length - 1] = throwable;
      }
      if (marker == null) {
        switch (level) {
          case ERROR -> delegate.error(pattern, args);
          case WARN -> delegate.warn(pattern, args);
          case INFO -> delegate.info(pattern, args);
          case DEBUG -> delegate.debug(pattern, args);
          case TRACE -> delegate.trace(pattern, args);
        }
      } else {
        switch (level) {
          case ERROR -> delegate.error(marker, pattern, args);
          case WARN -> delegate.warn(marker, pattern, args);
          case INFO -> delegate.info(marker, pattern, args);
          case DEBUG -> delegate.debug(marker, pattern, args);
          case TRACE -> delegate.trace(marker, pattern, args);
        }
      }
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return delegate.isTraceEnabled();
  }

  @Override
  public boolean isTraceEnabled(Marker marker) {
    return delegate.isTraceEnabled(marker);
  }

  @Override
  public boolean isDebugEnabled() {
    return delegate.isDebugEnabled();
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return delegate.isDebugEnabled(marker);
  }

  /** The file keeps INFO and above whatever the backend's levels. */
  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return true;
  }
}

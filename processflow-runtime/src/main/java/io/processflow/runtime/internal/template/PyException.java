package io.processflow.runtime.internal.template;

import jinjava.javax.el.ELException;

/**
 * A Python error raised while evaluating a template expression, named as Python names it ({@code
 * ZeroDivisionError: division by zero}); the engine reports it as a template failure.
 */
final class PyException extends ELException {
  private static final long serialVersionUID = 1L;

  PyException(String pythonType, String message) {
    super(pythonType + ": " + message);
  }

  static PyException typeError(String message) {
    return new PyException("TypeError", message);
  }

  static PyException valueError(String message) {
    return new PyException("ValueError", message);
  }

  static PyException zeroDivision(String message) {
    return new PyException("ZeroDivisionError", message);
  }
}

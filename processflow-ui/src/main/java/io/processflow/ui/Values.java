package io.processflow.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.processflow.runtime.internal.json.Json;

/**
 * Param values as the CLI's {@code --param} takes them: a string as it is, anything else as JSON.
 */
final class Values {
  private Values() {}

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}

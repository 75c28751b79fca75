package io.processflow.ui;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.runtime.internal.json.Json;
import io.processflow.runtime.journal.JournalHeader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the views need from a run's documents (a journal's lines), with Jackson's streaming
 * parser: headers, run states and task transitions, skipping task outputs. The runtime's {@code
 * JournalReader} rebuilds every action with its output for a resume, which for a 10,000-task run
 * takes seconds; the views need a few fields of each line. A line that cannot be read (the torn
 * last line of a run being written, or a damaged one) is skipped with a warning: the views show
 * what can be read.
 */
final class JournalScan {
  private static final JsonFactory JSON = Json.mapper().getFactory();

  private JournalScan() {}

  /** What the scan calls back with, in journal order. */
  interface Visitor {
    void header(
        String dagId,
        String runId,
        Instant logicalDate,
        Map<String, Object> params,
        List<String> tasks,
        boolean noTaskLogs);

    void run(DagRunState state, Instant timestamp);

    void task(String taskId, TaskState state, int tryNumber, Instant timestamp, TaskError error);

    void warning(String warning);
  }

  /**
   * Scans {@code bytes}, a run's documents one a line as a journal holds them ({@code
   * RunStore.documents}); {@code name} names them in warnings.
   */
  static void scan(byte[] bytes, String name, Visitor visitor) {
    int line = 0;
    for (int start = 0; start < bytes.length; ) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      line++;
      if (end > start) {
        try {
          line(bytes, start, end - start, visitor);
        } catch (IOException | RuntimeException e) {
          visitor.warning(
              "line "
                  + line
                  + " of "
                  + name
                  + " cannot be read and is left out"
                  + (end >= bytes.length ? " (the last line, being written or torn)" : "")
                  + ": "
                  + e.getMessage());
        }
      }
      start = end + 1;
    }
  }

  private static void line(byte[] bytes, int offset, int length, Visitor visitor)
      throws IOException {
    String type = null;
    String dagId = null;
    String runId = null;
    String taskId = null;
    String state = null;
    Instant timestamp = null;
    Instant logicalDate = null;
    int tryNumber = 0;
    TaskError error = null;
    Map<String, Object> params = Map.of();
    List<String> tasks = List.of();
    boolean noTaskLogs = false;
    try (JsonParser p = JSON.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "type" -> type = p.getValueAsString();
          case "dagId" -> dagId = p.getValueAsString();
          case "runId" -> runId = p.getValueAsString();
          case "taskId" -> taskId = p.getValueAsString();
          case "state" -> state = p.getValueAsString();
          case "tryNumber" -> tryNumber = p.getValueAsInt();
          case "timestamp" -> timestamp = instant(p);
          case "logicalDate" -> logicalDate = instant(p);
          case "error" -> error = value == JsonToken.START_OBJECT ? error(p) : null;
          case "params" -> params = value == JsonToken.START_OBJECT ? params(p) : Map.of();
          case "tasks" -> tasks = value == JsonToken.START_ARRAY ? strings(p) : List.of();
          case "noTaskLogs" -> noTaskLogs = value == JsonToken.VALUE_TRUE;
          default -> p.skipChildren();
        }
      }
    }
    if (JournalHeader.TYPE.equals(type)) {
      visitor.header(dagId, runId, logicalDate, params, tasks, noTaskLogs);
    } else if (DagRunStatusUpdate.TYPE.equals(type)) {
      visitor.run(DagRunState.valueOf(state.toUpperCase(java.util.Locale.ROOT)), timestamp);
    } else if (TaskStatusUpdate.TYPE.equals(type)) {
      visitor.task(taskId, TaskState.fromAirflowName(state), tryNumber, timestamp, error);
    }
  }

  private static Instant instant(JsonParser p) throws IOException {
    String text = p.getValueAsString();
    return text == null ? null : Instant.parse(text);
  }

  private static TaskError error(JsonParser p) throws IOException {
    String type = null;
    String message = null;
    String trace = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "type" -> type = p.getValueAsString();
        case "message" -> message = p.getValueAsString();
        case "stackTrace" -> trace = p.getValueAsString();
        default -> p.skipChildren();
      }
    }
    return new TaskError(type == null ? "error" : type, message, trace);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> params(JsonParser p) throws IOException {
    Map<String, Object> params = Json.mapper().readValue(p, LinkedHashMap.class);
    return params == null ? Map.of() : params;
  }

  private static List<String> strings(JsonParser p) throws IOException {
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(p.getValueAsString());
    }
    return out;
  }
}

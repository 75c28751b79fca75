package io.processflow.runtime.journal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.SimpleAction;
import io.processflow.runtime.execution.OutputRejectedException;
import io.processflow.runtime.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One journal line to and from JSON. An action is {@link Json#writeAction}'s document; a task's
 * output is written as its declared type (see {@link OutputTypes}) with {@code "outputType"}, that
 * type as text, before it, and read back as the type the DAG declares now, straight from the line's
 * text (a tree would turn {@code 1.10} into {@code 1.1}).
 */
final class JournalLines {
  static final String OUTPUT = "output";
  static final String OUTPUT_TYPE = "outputType";
  private static final ObjectMapper MAPPER = JournalJson.MAPPER;

  /** One line is one JSON value: anything after it (a torn concatenation, garbage) is an error. */
  private static final ObjectReader LINE =
      MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JournalLines() {}

  /** A task output read back as JSON's own values because the DAG now declares another type. */
  record ChangedOutput(TaskStatusUpdate update, String journaled, String declared) {}

  static String header(JournalHeader header) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", JournalHeader.TYPE);
    node.setAll((ObjectNode) MAPPER.valueToTree(header));
    return write(node);
  }

  /**
   * {@code action} as one line. A task output is written as {@code declared} and read back; one
   * that cannot be written, or does not come back equal in value and type, is rejected so that the
   * task producing it fails. With {@code declared} null (a task that is not resumable) the output
   * is left out.
   */
  static String action(Action action, OutputTypes.Declared declared) {
    if (!(action instanceof TaskStatusUpdate update) || update.output() == null) {
      return write(Json.actionTree(action));
    }
    TaskStatusUpdate bare =
        new TaskStatusUpdate(
            update.runId(),
            update.taskId(),
            update.timestamp(),
            update.state(),
            update.tryNumber(),
            update.error(),
            null);
    ObjectNode node = Json.actionTree(bare);
    if (declared != null) {
      node.remove(OUTPUT);
      node.put(OUTPUT_TYPE, declared.canonical());
      node.putRawValue(OUTPUT, new RawValue(checkedOutput(update, declared)));
    }
    return write(node);
  }

  /**
   * The output as JSON, after checking that reading that JSON as {@code declared} gives it back.
   */
  private static String checkedOutput(TaskStatusUpdate update, OutputTypes.Declared declared) {
    Object output = update.output();
    String json;
    String problem;
    Throwable cause = null;
    try {
      if (!declared.type().getRawClass().isInstance(output)) {
        throw new IllegalArgumentException("it is not a " + declared.canonical());
      }
      json = declared.writer().writeValueAsString(output);
      problem = RoundTrip.difference(output, declared.reader().readValue(json));
    } catch (IOException | RuntimeException e) {
      json = null;
      problem = "it cannot be written and read back as JSON: " + rootMessage(e);
      cause = e;
    }
    if (problem == null) {
      return json;
    }
    String fix =
        declared.declared()
            ? "Return a type that Jackson writes and reads back equal (a record, a collection or map"
                + " of records, a string, a number), declare the exact type"
            : "Declare the task's output type (TaskHandle.outputType(Order.class), or"
                + " .outputType(new OutputType<List<Order>>() {}) for a generic type; @Task methods"
                + " declare theirs)";
    throw new OutputRejectedException(
        "task '"
            + update.taskId()
            + "' returned a "
            + output.getClass().getName()
            + " as its output of type "
            + declared.canonical()
            + ", which a resume could not give back unchanged: "
            + problem
            + ". "
            + fix
            + ", or mark the task not resumable (TaskHandle.resumable(false), @Task(resumable = false))"
            + " so that a resume runs it again instead of keeping its output.",
        cause);
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write a journal line: " + e.getOriginalMessage(), e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }

  /**
   * A header, an action with its output read back as {@code types} declares, or a {@link
   * ChangedOutput}. The line must be one JSON object and nothing after it.
   */
  static Object read(String line, OutputTypes types) throws IOException {
    ObjectNode fields = MAPPER.createObjectNode();
    Object output = null;
    boolean hasOutput = false;
    TokenBuffer buffered = null;
    String changedFrom = null;
    try (JsonParser parser = MAPPER.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      for (JsonToken token = parser.nextToken();
          token == JsonToken.FIELD_NAME;
          token = parser.nextToken()) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals(OUTPUT)) {
          hasOutput = !parser.hasToken(JsonToken.VALUE_NULL);
          if (!hasOutput) {
            continue;
          }
          if (fields.path("type").asText().equals(TaskStatusUpdate.TYPE)
              && fields.path("taskId").isTextual()
              && fields.has(OUTPUT_TYPE)) {
            OutputTypes.Declared declared = types.of(fields.get("taskId").asText());
            changedFrom = changed(declared, fields.get(OUTPUT_TYPE));
            output = readerOf(declared, changedFrom).readValue(parser);
          } else { // fields in another order than the writer's: decide once all are read
            buffered = TokenBuffer.asCopyOfValue(parser);
          }
        } else {
          JsonNode value = MAPPER.readTree(parser);
          fields.set(name, value == null ? NullNode.getInstance() : value);
        }
      }
      if (!parser.hasToken(JsonToken.END_OBJECT) || parser.nextToken() != null) {
        throw new IllegalArgumentException("more than one JSON object on the line");
      }
    }
    if (!fields.path("type").isTextual()) {
      throw new IllegalArgumentException("not a JSON object with a \"type\" string");
    }
    String type = fields.get("type").asText();
    if (type.equals(JournalHeader.TYPE)) {
      return MAPPER.treeToValue(fields, JournalHeader.class);
    }
    if (buffered != null && !type.equals(TaskStatusUpdate.TYPE)) {
      try (JsonParser parser = buffered.asParserOnFirstToken()) {
        fields.set(OUTPUT, MAPPER.readTree(parser));
      }
      buffered = null;
    }
    if (!type.equals(TaskStatusUpdate.TYPE) && !type.equals(DagRunStatusUpdate.TYPE)) {
      return otherAction(fields);
    }
    JsonNode outputType = fields.remove(OUTPUT_TYPE);
    Action action = Json.readAction(fields);
    if (!(action instanceof TaskStatusUpdate update) || !hasOutput) {
      return action;
    }
    if (buffered != null) {
      OutputTypes.Declared declared = types.of(update.taskId());
      changedFrom = changed(declared, outputType);
      try (JsonParser parser = buffered.asParserOnFirstToken()) {
        output = readerOf(declared, changedFrom).readValue(parser);
      }
    }
    TaskStatusUpdate withOutput =
        new TaskStatusUpdate(
            update.runId(),
            update.taskId(),
            update.timestamp(),
            update.state(),
            update.tryNumber(),
            update.error(),
            output);
    if (changedFrom != null) {
      return new ChangedOutput(withOutput, changedFrom, types.of(update.taskId()).canonical());
    }
    return withOutput;
  }

  private static ObjectReader readerOf(OutputTypes.Declared declared, String changedFrom) {
    return declared == null || changedFrom != null
        ? OutputTypes.untyped().reader()
        : declared.reader();
  }

  /** The journaled type when it is not the declared one, else null. */
  private static String changed(OutputTypes.Declared declared, JsonNode journaled) {
    if (declared == null) {
      return null; // a task the DAG no longer has: read as JSON's own values, it is marked removed
    }
    String text = journaled == null || !journaled.isTextual() ? "(none)" : journaled.asText();
    return text.equals(declared.canonical()) ? null : text;
  }

  /** {@code line}'s JSON value, refusing anything after it (a header or run status line). */
  static JsonNode tree(String line) throws IOException {
    return LINE.readTree(line);
  }

  /** A DAG's own action: a {@link SimpleAction} with its payload, or with its fields as payload. */
  private static Action otherAction(ObjectNode node) throws IOException {
    if (node.size() == 2 && node.path("payload").isObject()) {
      return MAPPER.treeToValue(node, SimpleAction.class);
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getKey().equals("type") && !field.getValue().isNull()) {
        payload.put(field.getKey(), MAPPER.treeToValue(field.getValue(), Object.class));
      }
    }
    return new SimpleAction(node.get("type").asText(), payload);
  }
}

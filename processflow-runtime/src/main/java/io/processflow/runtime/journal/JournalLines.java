package io.processflow.runtime.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.SimpleAction;
import io.processflow.runtime.execution.OutputRejectedException;
import io.processflow.runtime.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One journal line to and from JSON. An action is {@link Json#writeAction}'s document; a task's
 * output is kept as Jackson writes it plus {@code "outputType"}, the Jackson type that reads it
 * back (see {@link OutputTypes}).
 */
final class JournalLines {
  static final String OUTPUT_TYPE = "outputType";
  private static final ObjectMapper MAPPER = Json.mapper();
  /** One line is one JSON value: anything after it (a torn concatenation, garbage) is an error. */
  private static final ObjectReader LINE = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JournalLines() {}

  static String header(JournalHeader header) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", JournalHeader.TYPE);
    node.setAll((ObjectNode) MAPPER.valueToTree(header));
    return Json.write(node);
  }

  /**
   * {@code action} as one line; a task output that Jackson cannot write, or cannot read back as
   * its own type, is rejected so that the task producing it fails. With {@code withOutput} false
   * (a task that is not resumable) the output is left out.
   */
  static String action(Action action, boolean withOutput) {
    if (!(action instanceof TaskStatusUpdate update) || update.output() == null) {
      return Json.writeAction(action);
    }
    TaskStatusUpdate bare =
        new TaskStatusUpdate(
            update.runId(), update.taskId(), update.timestamp(), update.state(), update.tryNumber(),
            update.error(), null);
    ObjectNode node = Json.actionTree(bare);
    if (withOutput) {
      Object output = update.output();
      JavaType type = OutputTypes.of(output);
      JsonNode tree;
      try {
        tree = MAPPER.valueToTree(output);
        MAPPER.treeToValue(tree, type);
      } catch (IllegalArgumentException | java.io.IOException e) {
        throw new OutputRejectedException(
            "task '" + update.taskId() + "' returned a " + type.toCanonical() + ", which the run journal"
                + " cannot store and read back as JSON (" + rootMessage(e) + "). Return a value Jackson"
                + " can write and read (a record, a collection or map of records, a string, a number),"
                + " or mark the task not resumable (TaskHandle.resumable(false)) so that a resume runs"
                + " it again instead of keeping its output.",
            e);
      }
      node.set("output", tree);
      node.put(OUTPUT_TYPE, type.toCanonical());
    }
    return Json.write(node);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }

  /** A header, or an action with its output read back as its journaled type. */
  static Object read(String line) throws java.io.IOException {
    JsonNode node = tree(line);
    if (node == null || !node.isObject() || !node.path("type").isTextual()) {
      throw new IllegalArgumentException("not a JSON object with a \"type\" string");
    }
    String type = node.get("type").asText();
    if (type.equals(JournalHeader.TYPE)) {
      return MAPPER.treeToValue(node, JournalHeader.class);
    }
    if (!type.equals(TaskStatusUpdate.TYPE) && !type.equals(DagRunStatusUpdate.TYPE)) {
      return otherAction(node);
    }
    Action action = Json.readAction(node);
    JsonNode outputType = node.get(OUTPUT_TYPE);
    if (action instanceof TaskStatusUpdate update && outputType != null && outputType.isTextual()) {
      JavaType javaType;
      try {
        javaType = OutputTypes.parse(outputType.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "the output of task '" + update.taskId() + "' was journaled as " + outputType.asText()
                + ", a type this program no longer has (" + rootMessage(e) + "); clear the task"
                + " (--clear " + update.taskId() + ") so that it runs again",
            e);
      }
      Object output = MAPPER.treeToValue(node.get("output"), javaType);
      return new TaskStatusUpdate(
          update.runId(), update.taskId(), update.timestamp(), update.state(), update.tryNumber(),
          update.error(), output);
    }
    return action;
  }

  /** {@code line}'s JSON value, refusing anything after it. */
  static JsonNode tree(String line) throws java.io.IOException {
    return LINE.readTree(line);
  }

  /** A DAG's own action: a {@link SimpleAction} with its payload, or with its fields as payload. */
  private static Action otherAction(JsonNode node) throws java.io.IOException {
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

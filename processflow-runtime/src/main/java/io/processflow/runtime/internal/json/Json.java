package io.processflow.runtime.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.SimpleAction;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The runtime's JSON: one configured Jackson mapper, and actions to and from one-line JSON
 * documents ({@code {"type": ..., ...fields}}), the form a journal persists and replays.
 */
public final class Json {
  private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

  private static final Map<String, Class<? extends Action>> ACTION_TYPES =
      Map.of(
          TaskStatusUpdate.TYPE, TaskStatusUpdate.class,
          DagRunStatusUpdate.TYPE, DagRunStatusUpdate.class);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * {@code builder} with the settings of {@link #mapper()}: for a mapper that writes and reads the
   * same documents under other limits (the run journal's).
   */
  public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
    return builder
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
        .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** {@code value} as one line of JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(
          "Cannot write a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  /** {@code action} as one line of JSON with its {@code type} first. */
  public static String writeAction(Action action) {
    return write(actionTree(action));
  }

  /**
   * {@code action} as a JSON object with its {@code type} first, the tree {@link #writeAction}
   * writes.
   */
  public static ObjectNode actionTree(Action action) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", action.type());
    JsonNode fields = MAPPER.valueToTree(action);
    fields
        .properties()
        .forEach(
            field -> {
              if (!field.getKey().equals("type")) {
                node.set(field.getKey(), field.getValue());
              }
            });
    return node;
  }

  /**
   * Reads an action written by {@link #writeAction}: the runtime's own action types become their
   * records, any other type a {@link SimpleAction} (task outputs come back as JSON values: maps,
   * lists, strings, numbers, booleans).
   */
  public static Action readAction(String json) {
    try {
      return readAction(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a JSON action: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads an action from the tree of a JSON document written by {@link #writeAction}. */
  public static Action readAction(JsonNode node) {
    try {
      JsonNode type = node.get("type");
      if (type == null || !type.isTextual()) {
        throw new IllegalArgumentException("Not an action (no \"type\" string): " + node);
      }
      Class<? extends Action> recordType = ACTION_TYPES.get(type.asText());
      if (recordType != null) {
        return MAPPER.treeToValue(node, recordType);
      }
      return MAPPER.treeToValue(node, SimpleAction.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a JSON action: " + e.getOriginalMessage(), e);
    }
  }
}

package io.processflow.runtime.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.processflow.runtime.internal.json.Json;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The journal's JSON: {@link Json#mapper()}'s settings under limits that let whatever the journal
 * writes be read back, and nothing that lets a journal choose a class.
 *
 * <ul>
 *   <li>Reading has no limit on string, number and name lengths (Jackson's defaults, 20M
 *       characters, 1,000 digits and 50,000 characters, would refuse outputs the writer wrote); the
 *       nesting limit is the writer's, {@link #MAX_OUTPUT_DEPTH}, plus the line's own object. A
 *       deeper output fails when written, so it fails its task instead of every resume.
 *   <li>Surrogate characters are written as {@code \\uXXXX}: a lone surrogate, which UTF-8 cannot
 *       encode, comes back as itself instead of {@code ?}.
 *   <li>A declared {@code Set} comes back a {@code LinkedHashSet}, in the order it was written.
 *   <li>No class is resolved by a name read from a journal: polymorphic type ids naming classes are
 *       refused, and so is a {@code Class} value.
 * </ul>
 */
final class JournalJson {
  /** How deep an output may nest (Jackson's default write limit). */
  static final int MAX_OUTPUT_DEPTH = StreamWriteConstraints.DEFAULT_MAX_DEPTH;

  static final ObjectMapper MAPPER =
      Json.configure(JsonMapper.builder(factory()))
          .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
          .addModule(
              new SimpleModule("journal")
                  .addDeserializer(Class.class, new NoClasses())
                  .addAbstractTypeMapping(Set.class, LinkedHashSet.class))
          .build();

  private JournalJson() {}

  private static JsonFactory factory() {
    return new JsonFactoryBuilder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE)
                .maxNumberLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE)
                .maxNestingDepth(MAX_OUTPUT_DEPTH + 1)
                .build())
        .streamWriteConstraints(
            StreamWriteConstraints.builder().maxNestingDepth(MAX_OUTPUT_DEPTH).build())
        .characterEscapes(new SurrogateEscapes())
        .build();
  }

  /** True when {@code text} is one JSON value and nothing after it. */
  static boolean isJson(String text) {
    try (JsonParser parser = MAPPER.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Escapes every surrogate char; everything else as Jackson does. */
  private static final class SurrogateEscapes extends CharacterEscapes {
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return Character.isSurrogate((char) ch)
          ? new SerializedString(String.format("\\u%04X", ch))
          : null;
    }
  }

  /** A journal never names a class to load. */
  @SuppressWarnings("rawtypes")
  private static final class NoClasses extends StdDeserializer<Class> {
    NoClasses() {
      super(Class.class);
    }

    @Override
    public Class deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return (Class)
          ctxt.handleUnexpectedToken(
              Class.class,
              JsonToken.VALUE_STRING,
              p,
              "the run journal does not load classes by name, so an output cannot hold a Class");
    }
  }
}

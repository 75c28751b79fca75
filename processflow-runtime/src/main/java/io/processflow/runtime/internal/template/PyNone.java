package io.processflow.runtime.internal.template;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import java.io.IOException;

/**
 * Python's {@code None} in templates. Jinjava's strict mode treats a name whose value is {@code
 * null} as undefined, while Airflow (Jinja2's StrictUndefined) lets {@code None} through: so null
 * params and outputs, and the nulls inside their maps, lists and records, are this value. It prints
 * {@code None}, is false in {@code {% if %}}, passes {@code is none}, is {@code null} in {@code
 * tojson}, and is what the literals {@code None} and {@code none} mean; {@code == None} is true for
 * it alone.
 */
public final class PyNone implements HasObjectTruthValue, PyishSerializable {
  /** The one instance. */
  public static final PyNone NONE = new PyNone();

  private PyNone() {}

  @Override
  public boolean getObjectTruthValue() {
    return false;
  }

  /** Jackson writes it as JSON {@code null}. */
  @JsonValue
  Object jsonValue() {
    return null;
  }

  @Override
  public String toString() {
    return "None";
  }

  /** How Jinjava prints it: {@code None}, alone or inside a printed map or list. */
  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append("None");
    return appendable;
  }

  @Override
  public void writePyishSelf(JsonGenerator generator, SerializerProvider provider)
      throws IOException {
    generator.writeRawValue("None");
  }

  /** Jinja2's {@code is none}: true for {@link #NONE}; false for an undefined name (null). */
  static final class IsNone implements ExpTest {
    @Override
    public String getName() {
      return "none";
    }

    @Override
    public boolean evaluate(Object value, JinjavaInterpreter interpreter, Object... args) {
      return value == NONE;
    }
  }
}

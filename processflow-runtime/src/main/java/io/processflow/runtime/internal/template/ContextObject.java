package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;

/** Prints a context object with its {@code toString()}, as Jinja2 prints Python objects. */
abstract class ContextObject implements PyishSerializable {
  /** The name of the Airflow class this object stands for, as Jinja2's errors name its type. */
  abstract String pythonType();

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }
}

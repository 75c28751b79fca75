package io.processflow.runtime.template;

import java.util.UUID;

/**
 * Airflow's {@code macros} in templates. Method names are Airflow's, hence the snake_case:
 * {@code {{ macros.ds_add(ds, 7) }}}, {@code {{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%Y') }}}.
 */
public final class Macros {
  static final Macros INSTANCE = new Macros();

  private Macros() {}

  /** {@code ds} shifted by {@code days}: {@code ds_add('2024-01-31', 1)} is {@code 2024-02-01}. */
  public String ds_add(String ds, long days) {
    return AirflowDates.dsAdd(ds, days);
  }

  /** {@code ds} read with {@code inputFormat} and written with {@code outputFormat} (strftime). */
  public String ds_format(String ds, String inputFormat, String outputFormat) {
    return PyDateFormat.format(PyDateFormat.parse(ds, inputFormat), outputFormat);
  }

  /** A random UUID string (Airflow's {@code macros.uuid.uuid4()}). */
  public String uuid4() {
    return UUID.randomUUID().toString();
  }

  @Override
  public String toString() {
    return "<macros>";
  }
}

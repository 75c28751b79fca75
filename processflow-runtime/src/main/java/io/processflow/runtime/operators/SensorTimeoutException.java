package io.processflow.runtime.operators;

import java.time.Duration;

/**
 * A sensor's condition was still false when its timeout passed (Airflow's AirflowSensorTimeout).
 */
public final class SensorTimeoutException extends Exception {
  private static final long serialVersionUID = 1L;

  SensorTimeoutException(String what, Duration timeout) {
    super(
        what
            + " was not met within "
            + timeout
            + "; raise the sensor's timeout if it needs longer");
  }
}

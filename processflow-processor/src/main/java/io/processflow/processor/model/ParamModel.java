package io.processflow.processor.model;

import io.processflow.processor.diagnostics.Location;

/** One {@code @Param} of a {@code @Dag}: its name, default value, and where its name is written. */
public record ParamModel(String name, String value, Location location) {}

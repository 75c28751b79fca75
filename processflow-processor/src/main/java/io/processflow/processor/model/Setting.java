package io.processflow.processor.model;

import io.processflow.processor.diagnostics.Location;

/**
 * An annotation attribute the source sets explicitly: its name, its value and where it is written.
 */
public record Setting<T>(String attribute, T value, Location location) {}

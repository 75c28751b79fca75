/**
 * What generated code and the runtime call, shared so that the processor's checks and the runtime's
 * give the same answers (param rules, durations, JSON syntax, {@code @From} conversions). Internal:
 * not for direct use, may change without notice.
 */
package io.processflow.api.internal;

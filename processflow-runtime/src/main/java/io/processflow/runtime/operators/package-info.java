/**
 * Operators: {@link io.processflow.runtime.operators.BaseOperator} (templated fields rendered just
 * before each try), {@link io.processflow.runtime.operators.BashOperator}, {@link
 * io.processflow.runtime.operators.EmptyOperator}, sensors ({@link
 * io.processflow.runtime.operators.BaseSensorOperator}, {@link
 * io.processflow.runtime.operators.FileSensor}) and {@link
 * io.processflow.runtime.operators.BigQueryInsertJobOperator}. Operators that wait hold no thread:
 * they return a {@link java.util.concurrent.CompletionStage} and wait on a {@link
 * io.processflow.runtime.time.TaskTimer}.
 */
package io.processflow.runtime.operators;

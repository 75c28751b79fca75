/**
 * An in-process fake of BigQuery's job API for
 * {@link io.processflow.runtime.operators.BigQueryInsertJobOperator}: jobs, their states and
 * errors, scriptable slowness and failures, and configuration checks.
 */
package io.processflow.runtime.operators.bigquery;

/**
 * BigQuery's job API for {@link io.processflow.runtime.operators.BigQueryInsertJobOperator}: the
 * {@link io.processflow.runtime.operators.bigquery.BigQueryClient} seam that a real client's
 * adapter implements, an in-process fake of it (jobs, their states and errors, scriptable slowness
 * and failures), and configuration checks.
 */
package io.processflow.runtime.operators.bigquery;

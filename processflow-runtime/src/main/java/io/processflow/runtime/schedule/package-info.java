/**
 * Airflow 3's timetables: when a scheduled DAG runs, each run's logical date and data interval, and
 * how catchup and the start and end dates bound them. {@link
 * io.processflow.runtime.schedule.Timetable#of} picks the timetable Airflow picks for a {@code
 * schedule}; {@link io.processflow.runtime.schedule.NextRuns} lists upcoming runs (the launcher's
 * {@code next-runs}). Time is always passed in, never read from a clock here, so every decision is
 * testable.
 */
package io.processflow.runtime.schedule;

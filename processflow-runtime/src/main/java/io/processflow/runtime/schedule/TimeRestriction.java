package io.processflow.runtime.schedule;

import java.time.Instant;

/**
 * Airflow's {@code TimeRestriction}: the DAG's inclusive bounds on logical dates ({@code
 * startDate}, {@code endDate}; null for none) and whether it catches up on missed ticks.
 */
public record TimeRestriction(Instant earliest, Instant latest, boolean catchup) {}

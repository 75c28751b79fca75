/**
 * What a DAG's schedule attributes mean and whether they are valid, shared by the annotation
 * processor (checked at compile time) and the runtime's DSL (checked by {@code build()}), so both
 * report the same words. Uses cron-utils, which the processor and the runtime declare. Internal:
 * not for direct use.
 */
package io.processflow.api.internal.schedule;

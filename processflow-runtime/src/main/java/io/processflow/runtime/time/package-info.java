/**
 * Time for the runtime and operators: the current instant and delayed actions that hold no thread
 * while they wait (retries, execution timeouts, polling, sensors). Tests substitute a manual timer.
 */
package io.processflow.runtime.time;

/**
 * Plain text for a terminal, shared by the command line and a run's summary. Internal: not for
 * direct use, may change without notice; the module does not export it.
 */
package io.processflow.runtime.internal.text;

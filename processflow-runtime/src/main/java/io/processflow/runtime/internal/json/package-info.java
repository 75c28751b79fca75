/**
 * The runtime's one Jackson mapper: actions and outputs to and from one line of JSON, shared by the
 * journal, the CLI's {@code --param} and the templates' {@code tojson}. Internal: not for direct
 * use, may change without notice; the module does not export it.
 */
package io.processflow.runtime.internal.json;

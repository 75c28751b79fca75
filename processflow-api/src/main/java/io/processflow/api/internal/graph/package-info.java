/**
 * Graph algorithms shared by the annotation processor and the runtime's DSL, on plain int indices
 * so that neither javax.lang.model nor the runtime leaks in. Internal: not for direct use, may
 * change without notice.
 */
package io.processflow.api.internal.graph;

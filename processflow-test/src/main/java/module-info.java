/**
 * Runs a whole DAG, or one task alone, in a unit test with a manual clock, and asserts on the
 * result with AssertJ.
 */
module io.processflow.test {
  requires transitive io.processflow.runtime;
  requires transitive org.assertj.core;

  exports io.processflow.test;
}

package io.processflow.test;

/**
 * Entry points of the kit's AssertJ assertions: {@code
 * assertThat(run).succeeded().task("load").succeeded().hasOutput("done")}. Import them statically
 * beside AssertJ's own {@code Assertions.assertThat}.
 */
public final class ProcessFlowAssertions {
  private ProcessFlowAssertions() {}

  public static DagRunAssert assertThat(DagRun actual) {
    return new DagRunAssert(actual);
  }

  public static TaskAssert assertThat(TaskRun actual) {
    return new TaskAssert(actual, null);
  }
}

module com.example.modular {
  requires io.processflow.runtime;

  // The journal writes the tasks' outputs (records) with Jackson.
  opens com.example to
      com.fasterxml.jackson.databind;

  provides io.processflow.runtime.dsl.DagProvider with
      com.example.ProcessFlowModularDag;
}

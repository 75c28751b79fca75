-- A run and its log: the same JSON documents a journal file holds, one row each, in order.
-- Documents are text, not jsonb: jsonb would reorder keys and the reader streams a task's output
-- after its "outputType" straight from the text, as it does from a journal line.
CREATE TABLE pf_run (
  id           bigserial   PRIMARY KEY,
  dag_id       text        NOT NULL,
  run_id       text        NOT NULL,
  logical_date timestamptz NOT NULL,
  state        text        NOT NULL DEFAULT 'queued',
  start_date   timestamptz,
  end_date     timestamptz,
  resumes      integer     NOT NULL DEFAULT 0,
  created      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dag_id, run_id)
);

-- (run, seq) is the fence between two processes writing one run: the second to write a number
-- fails, and stops, instead of recording a transition twice.
-- task_id is set on a task's success, so that a worker reads a run's outputs without its whole log.
CREATE TABLE pf_run_log (
  run     bigint  NOT NULL REFERENCES pf_run (id) ON DELETE CASCADE,
  seq     integer NOT NULL,
  doc     text    NOT NULL,
  success text,
  PRIMARY KEY (run, seq)
);

-- Each try's log, in chunks appended while the try runs, so that a running try's log can be
-- followed. The worker running the try appends its start and what the task logs, fenced like its
-- outcome (only while its pf_task row is still its own, running); the deciding process appends the
-- try's end (its error, a retry or the failure, a lapsed lease or a timeout).
CREATE TABLE pf_task_log (
  id         bigserial PRIMARY KEY,
  run        bigint    NOT NULL REFERENCES pf_run (id) ON DELETE CASCADE,
  task_id    text      NOT NULL,
  try_number integer   NOT NULL,
  text       text      NOT NULL
);

CREATE INDEX pf_task_log_try ON pf_task_log (run, task_id, try_number, id);

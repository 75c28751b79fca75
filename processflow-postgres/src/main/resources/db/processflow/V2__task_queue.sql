-- One row per try a deciding process launched: workers claim queued rows (SELECT ... FOR UPDATE
-- SKIP LOCKED), hold them with a lease renewed by heartbeats on the database's clock, and end them
-- with their outcome. A row's (id, try_number, worker, state = 'running') fences its completion:
-- once the lease expired or the try was cancelled, a late completion changes nothing.
CREATE TABLE pf_task (
  id          bigserial   PRIMARY KEY,
  run         bigint      NOT NULL REFERENCES pf_run (id) ON DELETE CASCADE,
  dag_id      text        NOT NULL,
  task_id     text        NOT NULL,
  try_number  integer     NOT NULL,
  queue       text        NOT NULL,
  -- queued, running, success, failed, cancelled
  state       text        NOT NULL DEFAULT 'queued',
  worker      text,
  lease_until timestamptz,
  -- success: the action document of the try's success, with its output (see the size limit)
  output      text,
  -- failed: the error's summary and stack trace
  error       text,
  queued_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  started_at  timestamptz,
  ended_at    timestamptz,
  UNIQUE (run, task_id, try_number)
);

CREATE INDEX pf_task_queued ON pf_task (queue, id) WHERE state = 'queued';
CREATE INDEX pf_task_running ON pf_task (worker) WHERE state = 'running';

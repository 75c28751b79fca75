-- One row per scheduled DAG: the schedulers sharing this database take turns at a DAG by locking
-- its row (SELECT ... FOR UPDATE SKIP LOCKED, as Airflow 3's HA schedulers lock the dag table's),
-- so one at a time reads the DAG's runs and creates its next one; the others pass over it.
CREATE TABLE pf_dag (
  dag_id text PRIMARY KEY
);

-- A DAG's runs by logical date: its latest automated run, a date already taken, its active runs.
CREATE INDEX pf_run_dag_logical_date ON pf_run (dag_id, logical_date);

-- The actions a try's body dispatched itself to the run's store on its worker, as the run's log
-- documents, one per line, in the order the worker's store took them: the deciding process
-- dispatches them into the run's store (and so its log) before the try's success or failure, so a
-- run on workers records what a local run records.
ALTER TABLE pf_task ADD COLUMN actions text;

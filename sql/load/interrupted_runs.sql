-- Runs still marked 'running' when a new run holds the warehouse's run lock were interrupted (killed, crashed):
-- say so, so that pipeline_runs never shows a ghost run as in progress.
UPDATE pipeline_runs
SET status = 'failed',
    message = coalesce(message, 'interrupted: the run ended without recording its outcome')
WHERE status = 'running';

-- One line per run, newest first: when it ran, how it ended, and how its data-quality checks came out (for a run
-- that found the warehouse unchanged, those of the run whose results stand: `results_from`). A run that
-- was only validated (no flow, e.g. a test or a benchmark) has no pipeline_runs row: its status comes from its
-- checks.
CREATE OR REPLACE VIEW run_history AS
WITH checks AS (
    SELECT run_id,
           min(checked_at) AS checked_at,
           count(*) FILTER (WHERE success) AS checks_passed,
           count(*) FILTER (WHERE NOT success AND severity = 'critical') AS critical_failed,
           count(*) FILTER (WHERE NOT success AND severity = 'warning') AS warnings_failed
    FROM dq_results
    GROUP BY run_id
),
flags AS (
    SELECT run_id, count(*) AS flagged_rows
    FROM dq_flag_rows
    GROUP BY run_id
),
runs AS (
    SELECT coalesce(r.run_id, c.run_id) AS run_id,
           coalesce(r.results_from, r.run_id, c.run_id) AS results_from,
           coalesce(r.started_at, c.checked_at) AS started_at,
           r.finished_at,
           coalesce(r.status, CASE WHEN c.critical_failed > 0 THEN 'failed' ELSE 'completed' END) AS status,
           CASE WHEN r.run_id IS NULL THEN 'validation only' ELSE 'flow' END AS kind,
           r.files_seen, r.documents_new, r.files_rejected, r.message,
           coalesce(c.checks_passed, 0) AS checks_passed,
           coalesce(c.critical_failed, 0) AS critical_failed,
           coalesce(c.warnings_failed, 0) AS warnings_failed
    FROM pipeline_runs AS r
    FULL OUTER JOIN checks AS c ON c.run_id = coalesce(r.results_from, r.run_id)
)
SELECT runs.*, coalesce(f.flagged_rows, 0) AS flagged_rows
FROM runs
LEFT JOIN flags AS f ON f.run_id = runs.results_from
ORDER BY started_at DESC;

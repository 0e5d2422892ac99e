-- Data-quality checks of the latest run: failures first, critical before warning.
WITH latest AS (
    SELECT run_id FROM pipeline_runs ORDER BY started_at DESC LIMIT 1
)
SELECT severity, success, table_name, expectation, column_name, unexpected_count
FROM dq_results
WHERE run_id = (SELECT run_id FROM latest)
ORDER BY success, severity, table_name, expectation;

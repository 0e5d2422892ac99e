-- Rows per table as each of the most recent runs left them (parameter: how many runs).
WITH recent AS (
    SELECT run_id, started_at FROM run_history ORDER BY started_at DESC LIMIT ?
)
SELECT r.run_id, r.started_at, c.table_name, c.row_count
FROM table_counts AS c
JOIN recent AS r USING (run_id)
ORDER BY r.started_at, c.table_name;

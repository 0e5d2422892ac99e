-- What each run changed, against the run validated before it: rows added (or removed) over all tables, and the
-- checks that failed in it but not in that previous run.
WITH validated AS (
    SELECT run_id, min(checked_at) AS checked_at FROM dq_results GROUP BY run_id
),
ordered AS (
    SELECT run_id, lag(run_id) OVER (ORDER BY checked_at) AS previous_run FROM validated
),
totals AS (
    SELECT run_id, sum(row_count) AS total_rows FROM table_counts GROUP BY run_id
),
failed AS (
    SELECT DISTINCT run_id, suite || '.' || coalesce(column_name, '(table)') || ' ' || expectation AS check_label
    FROM dq_results
    WHERE NOT success
),
newly AS (
    SELECT o.run_id, string_agg(f.check_label, '; ' ORDER BY f.check_label) AS newly_failing
    FROM ordered AS o
    JOIN failed AS f USING (run_id)
    WHERE o.previous_run IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM failed AS p WHERE p.run_id = o.previous_run AND p.check_label = f.check_label)
    GROUP BY o.run_id
)
SELECT
    o.run_id,
    t.total_rows - coalesce(p.total_rows, 0) AS rows_added,
    n.newly_failing
FROM ordered AS o
LEFT JOIN totals AS t ON t.run_id = o.run_id
LEFT JOIN totals AS p ON p.run_id = o.previous_run
LEFT JOIN newly AS n ON n.run_id = o.run_id;

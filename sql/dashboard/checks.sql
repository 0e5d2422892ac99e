-- Checks passed, warnings failed and critical checks failed in each of the most recent runs (parameter: how many).
WITH recent AS (
    SELECT run_id, started_at FROM run_history ORDER BY started_at DESC LIMIT ?
),
outcomes AS (
    SELECT run_id,
           CASE WHEN success THEN 'passed' WHEN severity = 'critical' THEN 'critical failed'
                ELSE 'warning failed' END AS outcome
    FROM dq_results
)
SELECT r.run_id, r.started_at, o.outcome, count(*) AS checks
FROM outcomes AS o
JOIN recent AS r USING (run_id)
GROUP BY ALL
ORDER BY r.started_at, o.outcome;

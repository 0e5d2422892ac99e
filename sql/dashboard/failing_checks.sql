-- Every check that failed in the latest validated run, critical first, then by how many rows it flagged: what the
-- report leads with. A check about a whole table (its columns, its size) flags no row but is listed all the same.
WITH latest AS (
    SELECT run_id FROM dq_results ORDER BY checked_at DESC LIMIT 1
),
flagged AS (
    SELECT suite, check_name, column_name, count(*) AS flagged_rows
    FROM dq_flags
    GROUP BY ALL
)
SELECT
    r.suite,
    r.table_name,
    r.expectation AS check_name,
    r.column_name,
    r.severity,
    coalesce(f.flagged_rows, 0) AS flagged_rows,
    r.unexpected_count,
    json_extract_string(r.details, '$.why') AS reason,
    json_extract_string(r.details, '$.observed_value') AS observed_value
FROM dq_results AS r
LEFT JOIN flagged AS f
       ON f.suite = r.suite AND f.check_name = r.expectation AND f.column_name IS NOT DISTINCT FROM r.column_name
WHERE r.run_id = (SELECT run_id FROM latest) AND NOT r.success
ORDER BY r.severity, flagged_rows DESC, r.suite, r.column_name;

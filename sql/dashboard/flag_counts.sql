-- How many rows each check flagged in the latest run.
SELECT severity, suite, column_name, count(*) AS flagged_rows
FROM dq_flags
GROUP BY ALL
ORDER BY severity, flagged_rows DESC;

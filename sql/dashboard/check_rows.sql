-- The latest run's flagged rows, numbered within their check, at most so many per check (parameter).
WITH numbered AS (
    SELECT suite, check_name, column_name, severity, table_name, row_label, value, evidence,
           row_number() OVER (PARTITION BY suite, check_name, column_name ORDER BY table_name, row_label) AS n
    FROM dq_flags
)
SELECT *
FROM numbered
WHERE n <= ?
ORDER BY suite, check_name, column_name, n;

-- The latest run's flagged rows, critical first, with their reasons and evidence (parameter: how many).
SELECT severity, table_name, row_label, suite, column_name, value, reason, evidence
FROM dq_flags
ORDER BY severity, suite, table_name, row_label
LIMIT ?;

-- Record the standing flags (sql/validate/standing_flags.sql) again under this run ($run), so that dq_flags, which
-- shows the latest validation's flags, still shows every flagged row after an incremental validation.
INSERT INTO dq_flag_rows
SELECT $run, suite, table_name, row_key, doc_id, expectation, severity, column_name, value, reason
FROM dq_flag_rows
WHERE run_id = $previous
  AND list_contains($suites, suite)
  AND doc_id IN (SELECT doc_id FROM documents WHERE ingested_at <= $since)

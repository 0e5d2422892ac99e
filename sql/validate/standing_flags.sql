-- The flags of the last validation ($previous) on documents still in the warehouse and not loaded again since
-- ($since), per check of the per-document suites ($suites): they stand, as nothing they were read from changed.
SELECT suite, expectation, column_name, count(*) AS flagged
FROM dq_flag_rows
WHERE run_id = $previous
  AND list_contains($suites, suite)
  AND doc_id IN (SELECT doc_id FROM documents WHERE ingested_at <= $since)
GROUP BY ALL

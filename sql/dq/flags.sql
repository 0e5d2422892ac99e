-- Each row that a data-quality check flagged in the latest validated run: which table and row, which check,
-- the offending value, the reason in words, and the sentence the row was read from.
CREATE OR REPLACE VIEW dq_flags AS
WITH latest AS (
    SELECT r.run_id
    FROM dq_results AS r
    ORDER BY r.checked_at DESC
    LIMIT 1
),
fact_evidence AS (
    SELECT 'troops' AS table_name, doc_id, mention_no, evidence FROM troops
    UNION ALL SELECT 'bases', doc_id, mention_no, evidence FROM bases
    UNION ALL SELECT 'statements', doc_id, mention_no, evidence FROM statements
    UNION ALL SELECT 'amounts', doc_id, mention_no, evidence FROM amounts
),
flags AS (
    SELECT f.*, try_cast(json_extract_string(f.row_key, '$.mention_no') AS INTEGER) AS mention_no
    FROM dq_flag_rows AS f
    WHERE f.run_id = (SELECT run_id FROM latest)
)
SELECT
    flags.run_id,
    flags.severity,
    flags.table_name,
    flags.row_key,
    flags.expectation AS check_name,
    flags.column_name,
    flags.value,
    flags.reason,
    e.evidence
FROM flags
LEFT JOIN fact_evidence AS e
       ON e.table_name = flags.table_name AND e.doc_id = flags.doc_id AND e.mention_no = flags.mention_no
ORDER BY flags.severity, flags.table_name, flags.row_key;

-- Each row that a data-quality check flagged in the latest validated run: which table and row (by file name and
-- mention, readable), which check, the offending value, the reason in words, and the sentence the row was read
-- from. Cross-document checks flag the fact row they are about, so they read the same way.
CREATE OR REPLACE VIEW dq_flags AS
WITH latest AS (
    SELECT r.run_id
    FROM dq_results AS r
    ORDER BY r.checked_at DESC
    LIMIT 1
),
flags AS (
    SELECT f.*,
           try_cast(json_extract_string(f.row_key, '$.mention_no') AS INTEGER) AS mention_no,
           coalesce(json_extract_string(f.row_key, '$.block_no'), json_extract_string(f.row_key, '$.comment_no'))
               AS part_no,
           json_extract_string(f.row_key, '$.column_name') AS key_column
    FROM dq_flag_rows AS f
    WHERE f.run_id = (SELECT run_id FROM latest)
),
labelled AS (
    SELECT flags.*, d.source_file,
           CASE
               WHEN flags.key_column IS NOT NULL THEN flags.table_name || '.' || flags.key_column
               WHEN flags.doc_id IS NULL THEN flags.row_key
               ELSE coalesce(d.source_file, flags.doc_id)
                    || coalesce(' #' || flags.mention_no, ' #' || flags.part_no, '')
           END AS row_label
    FROM flags
    LEFT JOIN documents AS d USING (doc_id)
)
SELECT
    l.run_id,
    l.severity,
    l.table_name,
    l.row_label,
    l.suite,
    l.expectation AS check_name,
    l.column_name,
    l.value,
    l.reason,
    e.evidence,
    l.source_file,
    l.doc_id,
    l.row_key
FROM labelled AS l
LEFT JOIN fact_spans AS e
       ON e.table_name = l.table_name AND e.doc_id = l.doc_id AND e.mention_no = l.mention_no
ORDER BY l.severity, l.table_name, l.row_label, l.suite;

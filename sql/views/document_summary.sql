-- One line per document: what was kept, what was removed and how many facts came out of it.
CREATE OR REPLACE VIEW document_summary AS
WITH removed AS (
    SELECT doc_id, count(*) AS blocks_removed, sum(end_offset - start_offset) AS chars_removed
    FROM removed_blocks GROUP BY doc_id
),
fact_counts AS (
    SELECT doc_id,
           count(*) FILTER (WHERE table_name = 'troops')     AS troops,
           count(*) FILTER (WHERE table_name = 'bases')      AS bases,
           count(*) FILTER (WHERE table_name = 'statements') AS statements,
           count(*) FILTER (WHERE table_name = 'amounts')    AS amounts
    FROM fact_spans GROUP BY doc_id
),
comment_counts AS (
    SELECT doc_id, count(*) AS comments FROM comments GROUP BY doc_id
)
SELECT
    d.doc_id, d.source_file, d.title, d.publisher, d.published_on,
    length(d.raw_text) AS raw_chars, length(d.clean_text) AS clean_chars,
    coalesce(r.blocks_removed, 0) AS blocks_removed,
    round(coalesce(r.chars_removed, 0) / greatest(length(d.raw_text), 1), 3) AS removed_share,
    coalesce(c.comments, 0) AS comments,
    coalesce(f.troops, 0) AS troops, coalesce(f.bases, 0) AS bases,
    coalesce(f.statements, 0) AS statements, coalesce(f.amounts, 0) AS amounts
FROM documents AS d
LEFT JOIN removed AS r USING (doc_id)
LEFT JOIN fact_counts AS f USING (doc_id)
LEFT JOIN comment_counts AS c USING (doc_id)
ORDER BY d.source_file;

-- Per document: how much article is left after cleaning, and how much of the page (reader comments aside, which
-- are removed by design) the cleaner threw away. A tiny body or a near-total removal usually means the cleaner
-- took the article for boilerplate. (Validated by expectations/document_shape.json.)
CREATE OR REPLACE VIEW dq_document_shape AS
WITH removed AS (
    SELECT doc_id,
           sum(end_offset - start_offset) FILTER (WHERE kind <> 'comments') AS chars_removed,
           sum(end_offset - start_offset) FILTER (WHERE kind = 'comments')  AS comment_chars
    FROM removed_blocks
    GROUP BY doc_id
),
measured AS (
    SELECT d.doc_id, d.source_file,
           length(d.raw_text) AS raw_chars,
           length(d.clean_text) AS clean_chars,
           coalesce(r.chars_removed, 0) AS chars_removed,
           coalesce(r.comment_chars, 0) AS comment_chars
    FROM documents AS d
    LEFT JOIN removed AS r USING (doc_id)
),
shaped AS (
    SELECT 'documents' AS table_name, doc_id, CAST(NULL AS INTEGER) AS mention_no, source_file,
           raw_chars, clean_chars,
           round(chars_removed / greatest(raw_chars - comment_chars, 1), 3) AS removed_share
    FROM measured
)
SELECT *,
       format('{:,} characters of article left from {:,} on the page; {:.0f}% of the page (comments aside) removed',
              clean_chars, raw_chars, 100 * removed_share) AS detail
FROM shaped;

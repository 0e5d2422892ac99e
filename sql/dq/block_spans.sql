-- Every removed block beside the raw text it was cut from: its document must exist, its offsets must lie inside
-- the raw text, and its text must be exactly that span, or "nothing is lost silently" no longer holds.
-- (Validated by expectations/block_spans.json.)
CREATE OR REPLACE VIEW dq_block_spans AS
WITH checked AS (
    SELECT
        'removed_blocks' AS table_name, b.doc_id, b.block_no, b.kind,
        d.doc_id IS NOT NULL AS doc_exists,
        coalesce(b.start_offset >= 0 AND b.start_offset < b.end_offset
                 AND b.end_offset <= length(d.raw_text), false) AS offsets_inside,
        coalesce(b.text = substr(d.raw_text, b.start_offset + 1, b.end_offset - b.start_offset), false)
            AS text_matches
    FROM removed_blocks AS b
    LEFT JOIN documents AS d USING (doc_id)
)
SELECT * FROM checked;

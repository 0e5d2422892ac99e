-- Every fact row beside the document it cites: does its document exist, do its offsets lie inside the clean
-- text, and is its evidence exactly the span they name? (Validated by expectations/fact_evidence.json.)
CREATE OR REPLACE VIEW dq_fact_evidence AS
WITH checked AS (
    SELECT
        f.table_name, f.doc_id, f.mention_no, f.start_offset, f.end_offset,
        d.doc_id IS NOT NULL AS doc_exists,
        coalesce(f.start_offset >= 0 AND f.start_offset < f.end_offset
                 AND f.end_offset <= length(d.clean_text), false) AS offsets_inside,
        coalesce(f.evidence = substr(d.clean_text, f.start_offset + 1, f.end_offset - f.start_offset), false)
            AS evidence_matches
    FROM fact_spans AS f
    LEFT JOIN documents AS d USING (doc_id)
)
SELECT * FROM checked;

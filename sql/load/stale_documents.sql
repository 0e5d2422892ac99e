-- Documents that a file of this batch held before but holds no longer (the file's bytes changed), and that no
-- other file holds: they are replaced by the file's new document, so their rows must go.
-- Expects two registered relations: batch_docs(doc_id) and batch_files(path, doc_id, ...).
CREATE OR REPLACE TEMP TABLE stale AS
WITH previous AS (
    SELECT sf.doc_id
    FROM source_files AS sf
    JOIN batch_files AS bf USING (path)
    WHERE sf.doc_id <> bf.doc_id
),
still_held AS (
    SELECT doc_id FROM source_files WHERE path NOT IN (SELECT path FROM batch_files)
    UNION
    SELECT doc_id FROM batch_files
)
SELECT doc_id FROM previous
WHERE doc_id NOT IN (SELECT doc_id FROM still_held);

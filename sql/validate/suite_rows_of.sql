-- The rows of one per-document suite's table or view ({table}) that belong to a chunk of documents ($doc_ids),
-- and, with the first chunk ($orphans), the rows whose document is missing: a check must still see those.
SELECT *
FROM {table}
WHERE doc_id IN (SELECT unnest($doc_ids::VARCHAR[]))
   OR ($orphans AND doc_id NOT IN (SELECT doc_id FROM documents))

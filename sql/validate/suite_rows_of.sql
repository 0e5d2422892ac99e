-- The rows of one per-document suite's table or view ({table}) that belong to a chunk of documents ($doc_ids).
SELECT *
FROM {table}
WHERE doc_id IN (SELECT unnest($doc_ids::VARCHAR[]))

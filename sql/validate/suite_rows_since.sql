-- The rows of one per-document suite's table or view ({table}) that belong to documents loaded after $since.
SELECT *
FROM {table}
WHERE doc_id IN (SELECT doc_id FROM documents WHERE ingested_at > $since)

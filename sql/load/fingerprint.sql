-- What a validation saw: the row count of every counted table and which documents there were (their ids are
-- their bytes' hash). A run may carry the last validation's results over only when this is unchanged, whatever
-- loaded or deleted rows in between (this run, an interrupted one, a changed file with another's bytes).
SELECT string_agg(table_name || ':' || row_count, ',' ORDER BY table_name)
       || '|' || coalesce((SELECT CAST(bit_xor(hash(doc_id)) AS VARCHAR) FROM documents), '0')
FROM table_sizes;
